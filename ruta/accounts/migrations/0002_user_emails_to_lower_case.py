"""Store every e-mail in lower case before the constraint that requires it.

Two accounts whose addresses differ only in case cannot both keep them: the
migration stops and names them, so an administrator merges or renames one.
"""

from collections import Counter

from django.db import migrations


def emails_to_lower_case(apps, schema_editor):
    users = apps.get_model("accounts", "User").objects.using(
        schema_editor.connection.alias
    )
    emails = list(users.values_list("email", flat=True))
    counts = Counter(email.strip().lower() for email in emails)
    clashes = sorted(key for key, count in counts.items() if count > 1)
    if clashes:
        raise RuntimeError(
            "These e-mail addresses belong to several accounts that differ only in "
            f"case: {', '.join(clashes)}. Rename or merge them, then migrate."
        )
    for user in users.all():
        key = user.email.strip().lower()
        if key != user.email:
            user.email = key
            user.save(update_fields=["email"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(emails_to_lower_case, migrations.RunPython.noop),
    ]
