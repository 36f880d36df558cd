from __future__ import annotations

from datetime import date

from jpo_tui.screening.duplicates import Person, duplicate_groups


def test_same_name_and_birth_date_is_a_duplicate() -> None:
    people = [
        Person("A1", "Aïcha Mertens", date(1996, 10, 7), "aicha.mertens34@example.org"),
        Person("A2", "Aicha MERTENS", date(1996, 10, 7), "a.mertens@other.example"),
        Person("A3", "Bram Diallo", date(1999, 3, 14), "bram@example.org"),
    ]
    assert duplicate_groups(people) == [["A1", "A2"]]


def test_namesake_with_other_birth_date_is_another_person() -> None:
    people = [
        Person("A1", "Arne Jacobs", date(1999, 12, 4), "arne.jacobs49@example.org"),
        Person("A2", "Arne Jacobs", date(1999, 12, 25), "arne.jacobs12@example.org"),
    ]
    assert duplicate_groups(people) == []


def test_near_same_email_with_close_name_and_no_birth_date() -> None:
    people = [
        Person("K1", "Koffi Claes", None, "koffi.claes3@example.org"),
        Person("K2", "Koffi Claes-Mbeki", None, "koffi.claes3@example.org"),
        Person("K3", "Someone Else", None, "other@example.org"),
    ]
    assert duplicate_groups(people) == [["K1", "K2"]]


def test_three_applications_form_one_group() -> None:
    dob = date(1994, 1, 20)
    people = [Person(f"K{i}", "Julien Maes", dob, f"julien{i}@example.org") for i in range(3)]
    assert duplicate_groups(people) == [["K0", "K1", "K2"]]
