"""Reliability grades as a pack labels them: the same words as the app's (`components.present.grades`)."""

from __future__ import annotations

from components.present.grades import GRADES, grade_label

__all__ = ["GRADES", "grade_label"]
