"""API schemas of programs: the rows of the goals and quarters downloads."""

from __future__ import annotations

from ninja import Field, Schema


class GoalOut(Schema):
    year: int
    ramo: str
    program_code: str
    program: str
    unit_code: str
    unit: str
    goal: int
    description: str
    unit_of_measure: str
    annual_target: int | None
    lines_of_action: str
    by_sex: bool = Field(
        description="Whether each quarter records the women and the men served."
    )
    reported_through: int | None
    absolute: int | None
    relative_pct: str | None
    printed_absolute: int | None
    printed_relative_pct: str | None
    flag: str | None = Field(
        description="How ΣA stands against the annual target: met, over, under."
    )
    flag_label: str | None
    status: str
    status_label: str


class QuarterOut(Schema):
    year: int
    unit_code: str
    unit: str
    goal: int
    quarter: int
    programmed: int | None
    achieved: int | None
    women: int | None = Field(
        description="Women served in the quarter, where the goal records them."
    )
    men: int | None = Field(
        description="Men served in the quarter, where the goal records them."
    )
    observation: str
    status: str
    status_label: str
    reason: str
    programmed_status: str
    programmed_status_label: str
    programmed_reason: str
    achieved_status: str
    achieved_status_label: str
    achieved_reason: str
    source_document: str
    source_sha256: str
    source_lines: str
    captured_at: str
    approved_at: str


class GoalPage(Schema):
    items: list[GoalOut]
    next: str | None = Field(None, description="the following page's address")
    next_cursor: str | None = None


class QuarterPage(Schema):
    items: list[QuarterOut]
    next: str | None = Field(None, description="the following page's address")
    next_cursor: str | None = None
