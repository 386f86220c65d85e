from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
        # The table was made by cases 0001 (see 0001 here) and last changed by cases 0008, which on
        # SQLite rebuilds it from the cases' model state (without this column): so runs after both.
        ("cases", "0008_audit_moves_out"),
    ]

    operations = [
        migrations.AddField(
            model_name="accessentry",
            name="refused",
            field=models.BooleanField(default=False),
        ),
    ]
