"""Deadlines, reminders, notifications and the e-mail outbox move to the ``deadlines`` app
(deadlines 0001), keeping their tables and every row. Here the case's foreign key leaves the
deadline (0009 copied it into ``owner_type``/``owner_id``), its index and its "one open deadline
per case and key" constraint give way to the same per owner, then the four models leave the cases
app's state; no table is dropped or copied."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0009_deadline_owner_from_case"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="deadline", name="deadline_one_open_per_case_key"),
        migrations.RemoveIndex(model_name="deadline", name="cases_deadl_case_id_bbcd02_idx"),
        # (owner_type, owner_id) is the leading part of the new index.
        migrations.RemoveIndex(model_name="deadline", name="cases_deadl_owner_t_d84d23_idx"),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(fields=["owner_type", "owner_id", "status", "due_at"],
                               name="deadline_owner_status_due"),
        ),
        migrations.AddConstraint(
            model_name="deadline",
            constraint=models.UniqueConstraint(condition=models.Q(("status", "open")),
                                               fields=("owner_type", "owner_id", "key"),
                                               name="deadline_one_open_per_owner_key"),
        ),
        migrations.RemoveField(model_name="deadline", name="case"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Reminder"),
                migrations.DeleteModel(name="Notification"),
                migrations.DeleteModel(name="Deadline"),
                migrations.DeleteModel(name="OutgoingEmail"),
            ],
            database_operations=[],
        ),
    ]
