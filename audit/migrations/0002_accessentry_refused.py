from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
        # The table itself was made by cases 0001 (see 0001 here); this changes it, so runs after.
        ("cases", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="accessentry",
            name="refused",
            field=models.BooleanField(default=False),
        ),
    ]
