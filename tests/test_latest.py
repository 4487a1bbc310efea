"""What is kept between calls while inputs change (`mkdocs serve`): one value per input, never a growing store."""

from __future__ import annotations

import operator
import os

from macros.common import interface
from macros.common.latest import Latest


def test_the_value_is_kept_for_the_same_key_and_replaced_for_another():
    computed = []
    latest = Latest()

    def compute(value):
        computed.append(value)
        return value

    assert [latest.get(key, lambda key=key: compute(key * 10)) for key in (1, 1, 2, 2, 1)] == [10, 10, 20, 20, 10]
    assert computed == [10, 20, 10]  # one value at a time: back to 1, it is computed again


def test_an_object_key_is_compared_by_identity():
    first, equal = [1], [1]
    latest = Latest(operator.is_)
    assert latest.get(first, lambda: "first") == "first"
    assert latest.get(equal, lambda: "equal") == "equal"


def test_the_catalogue_is_read_again_when_its_file_changes_and_its_words_with_it(tmp_path, monkeypatch):
    catalogue = tmp_path / interface.WORDS
    catalogue.write_text("home: {vi: Trang chủ, en: Home}\n", encoding="utf-8")
    monkeypatch.setattr(interface, "TEMPLATE_DIR", tmp_path)
    assert interface.words("en") == {"home": "Home"}
    catalogue.write_text("home: {vi: Trang nhà, en: Start}\n", encoding="utf-8")
    os.utime(catalogue, ns=(1, 1))  # another modification time, however fast the two writes were
    assert (interface.words("en"), interface.labels()["home"]["vi"]) == ({"home": "Start"}, "Trang nhà")
