"""Cross-file checks: every id named in one record exists in another, once.

These are the rules a per-file JSON Schema cannot express. Each check names
the file and line of the reference that is wrong, not of its target.
"""

from __future__ import annotations

import difflib

from macros.common.collections import PLAN_ELEMENTS, relations
from macros.common.messages import text
from macros.model.records import Model, Record, entries, named_ids
from macros.reading.load import Document
from macros.reading.problems import Problem


def check(model: Model, documents: dict[int, Document], broken: dict[str, set[str]]) -> list[Problem]:
    """All broken references in `model`.

    `documents` maps id(record) to its document; `broken` names, per collection,
    the files that failed earlier checks, so a reference to them is not reported twice.
    """
    checker = _Checker(model, documents, broken)
    for collection, relation in relations():  # every id a relation of macros/common/collections.py names
        for record in model.collection(collection.name).values():
            for holder, where in entries(record, relation.holder):
                for position, name in enumerate(named_ids(holder, relation)):
                    path = where + ((relation.field, position) if relation.many else (relation.field,))
                    checker.exists(record, path, name, relation.target)
    for plan in model.plans.values():
        checker.unique_elements(plan)
        implemented = model.plans.get(plan.implements_id)
        if implemented and implemented.kind != "programme":
            checker.report(plan, ("implements",), text("not_a_programme", id=plan.implements_id),
                           text("not_a_programme_hint"))
    for partner in model.partners.values():
        checker.unique(partner, "agreements", [agreement.id for agreement in partner.agreements])
    checker.no_parent_cycles()
    return checker.problems


class _Checker:
    def __init__(self, model: Model, documents: dict[int, Document], broken: dict[str, set[str]]):
        self.model, self.documents, self.broken = model, documents, broken
        self.problems: list[Problem] = []

    def report(self, record: Record, path, message: str, hint: str) -> None:
        self.problems.append(self.documents[id(record)].problem(path, message, hint))

    def exists(self, record: Record, path, name: str, target: str) -> None:
        """Report `name` at `path` unless the collection `target` has it (or it is a plan element that exists), or
        the file it would be in was reported already."""
        if self.model.target(target, name) is not None:
            return
        if target == PLAN_ELEMENTS:
            if name.partition("/")[0] not in self.broken["plans"]:
                known = [element.ref for plan in self.model.plans.values() for element in plan.elements()]
                self.report(record, path, text("no_plan_element", ref=name),
                            self.suggest(name, known) or text("no_plan_element_hint"))
        elif name not in self.broken[target]:
            self.report(record, path, text("missing_target", id=name, folder=target),
                        self.suggest(name, list(self.model.collection(target))) or
                        text("missing_target_hint", id=name, folder=target))

    @staticmethod
    def suggest(target: str, known: list[str]) -> str:
        near = difflib.get_close_matches(target, known, n=1, cutoff=0.6)
        return text("did_you_mean", name=near[0]) if near else ""

    def unique(self, record: Record, section: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for position, element_id in enumerate(ids):
            if element_id in seen:
                self.report(record, (section, position, "id"), text("id_twice_in_file", id=element_id),
                            text("id_twice_in_file_hint"))
            seen.add(element_id)

    def unique_elements(self, plan) -> None:
        seen: set[str] = set()
        for element in plan.elements():
            if element.id in seen:
                path = self._element_path(plan, element)
                self.report(plan, path, text("id_twice_in_plan", id=element.id), text("id_twice_in_plan_hint"))
            seen.add(element.id)

    @staticmethod
    def _element_path(plan, element) -> tuple:
        if element.group is None:
            return (element.section, element.number - 1, "id")
        return ("task_groups", element.group.number - 1, "items", element.number - 1, "id")

    def no_parent_cycles(self) -> None:
        """Report every partner on a cycle of parents, at itself, with the cycle as it reads from it.

        Each partner is walked once (a walk stops at a partner an earlier walk
        finished), so a long chain of parents costs no more than a short one.
        """
        partners, finished = self.model.partners, set()
        for start in partners:
            path: dict[str, int] = {}  # id → position on this walk
            current = start
            while current in partners and current not in finished and current not in path:
                path[current] = len(path)
                current = partners[current].parent_id
            if current in path:  # the walk came back to itself: everything from `current` on is a cycle
                cycle = list(path)[path[current]:]
                for index, member in enumerate(cycle):
                    chain = " → ".join(cycle[index:] + cycle[:index] + [member])
                    self.report(partners[member], ("parent",), text("parent_cycle", chain=chain),
                                text("parent_cycle_hint"))
            finished.update(path)
