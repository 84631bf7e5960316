"""The audit context rows keep who acted and from where: no DELETE, no rewrite.

pghistory writes one context row per request or command, and nested
contexts within it update that row (a loader's services each name
themselves). What identifies the actor and the origin — the user, the system
actor, the address, the page and method, the command — may be added but
never changed or removed, so no event can be re-attributed; a row is never
deleted.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION ruta_context_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit context % cannot be deleted', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.id <> OLD.id OR EXISTS (
        SELECT FROM unnest(ARRAY['user', 'system', 'ip', 'url', 'method', 'command'])
            AS identity(key)
        WHERE OLD.metadata ? identity.key
          AND NEW.metadata -> identity.key IS DISTINCT FROM OLD.metadata -> identity.key
    ) THEN
        RAISE EXCEPTION 'audit context %: who acted and from where cannot change',
            OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS ruta_context_append_only ON pghistory_context;
CREATE TRIGGER ruta_context_append_only
    BEFORE UPDATE OR DELETE ON pghistory_context
    FOR EACH ROW EXECUTE FUNCTION ruta_context_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS ruta_context_append_only ON pghistory_context;
DROP FUNCTION IF EXISTS ruta_context_append_only();
"""


class Migration(migrations.Migration):

    dependencies = [
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
