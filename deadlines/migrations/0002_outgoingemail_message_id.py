"""Outbox e-mails get a Message-ID fixed before their first attempt (and the same on every
retry), a ``sending`` status written before each attempt, and at most one row per Message-ID.
Rows made earlier keep an empty Message-ID and get ``<erms.outbox.{id}@…>`` at their next attempt."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('deadlines', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='outgoingemail',
            name='message_id',
            field=models.CharField(blank=True, editable=False, max_length=255, verbose_name='Message-ID'),
        ),
        migrations.AlterField(
            model_name='outgoingemail',
            name='status',
            field=models.CharField(choices=[('queued', 'Queued'), ('sending', 'Sending'), ('sent', 'Sent'), ('retrying', 'Retrying'), ('failed', 'Failed')], default='queued', max_length=10),
        ),
        migrations.AddConstraint(
            model_name='outgoingemail',
            constraint=models.UniqueConstraint(condition=models.Q(('message_id', ''), _negated=True), fields=('message_id',), name='outgoingemail_one_per_message_id'),
        ),
    ]
