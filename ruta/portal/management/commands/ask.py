"""``ruta ask "PREGUNTA"``: the question box in a terminal, as text or JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from ruta.portal.questions.answers import answer_question
from ruta.portal.questions.parse import MAX_QUESTION_LENGTH


class Command(BaseCommand):
    help = (
        "Answer a question in Spanish from the published data, saying what was "
        "understood and citing the sources; a question not wholly understood is "
        "declined. Exits 0 when answered, 1 when declined."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("question", help="the question, in quotes")
        parser.add_argument(
            "--json",
            action="store_true",
            help="print the answer as the API gives it (/api/v1/questions)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        question = options["question"].strip()
        if not question or len(question) > MAX_QUESTION_LENGTH:
            raise CommandError(
                f"Write a question of 1 to {MAX_QUESTION_LENGTH} characters."
            )
        with translation.override("es-mx"):
            answer = answer_question(question)
            data = answer.as_json()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_as_text(data))
        if not answer.answered:
            raise SystemExit(1)


def _as_text(data: dict[str, Any]) -> str:
    lines = [data["answer"]]
    for slot, item in data["understood"].items():
        lines.append(f"  {slot}: {item['name']}")
    for figure in data["figures"]:
        lines.append(
            f"  {figure['label']}: {figure['value']} {figure['unit']}".rstrip()
        )
    for source in data["sources"]:
        lines.append(f"  source: {source['label']} <{source['url']}>")
    for suggestion in data["suggestions"]:
        lines.append(f"  ask instead: {suggestion}")
    return "\n".join(lines)
