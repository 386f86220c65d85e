"""Deadlines, reminders, notifications and the e-mail outbox, moved here from ``cases`` (cases 0009
and 0010) with their tables, rows and indexes as they are: this migration only tells Django's state."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # No dependency on cases (deadlines knows no app): this migration changes no table, so it may
        # run before or after cases 0003, which makes the tables, and cases 0010, which lets them go.
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Deadline',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=40, verbose_name='what')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('due_on', models.DateField(verbose_name='due on')),
                        ('due_at', models.DateTimeField(verbose_name='due at (end of the local day)')),
                        ('rule_id', models.CharField(blank=True, max_length=32, verbose_name='rule')),
                        ('citation', models.CharField(blank=True, max_length=300, verbose_name='citation')),
                        ('is_risk_date', models.BooleanField(default=False, verbose_name='risk date')),
                        ('owner_type', models.CharField(blank=True, max_length=64)),
                        ('owner_id', models.PositiveBigIntegerField(blank=True, null=True)),
                        ('status', models.CharField(choices=[('open', 'Open'), ('met', 'Met'), ('cancelled', 'Cancelled')], default='open', max_length=10, verbose_name='status')),
                        ('met_at', models.DateTimeField(blank=True, null=True, verbose_name='met at')),
                        ('history', models.JSONField(blank=True, default=list, verbose_name='earlier due dates')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('met_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('responsible', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='deadlines', to=settings.AUTH_USER_MODEL, verbose_name='responsible')),
                    ],
                    options={
                        'verbose_name': 'deadline',
                        'verbose_name_plural': 'deadlines',
                        'db_table': 'cases_deadline',
                        'ordering': ['due_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200)),
                        ('body', models.TextField(blank=True)),
                        ('url', models.CharField(blank=True, max_length=300)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('read_at', models.DateTimeField(blank=True, null=True)),
                        ('deadline', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='deadlines.deadline')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'notification',
                        'verbose_name_plural': 'notifications',
                        'db_table': 'cases_notification',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='OutgoingEmail',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('to', models.EmailField(max_length=254)),
                        ('subject', models.CharField(max_length=300)),
                        ('body', models.TextField()),
                        ('status', models.CharField(choices=[('queued', 'Queued'), ('sent', 'Sent'), ('retrying', 'Retrying'), ('failed', 'Failed')], default='queued', max_length=10)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('last_error', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('sent_at', models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        'verbose_name': 'outgoing e-mail',
                        'verbose_name_plural': 'outgoing e-mails',
                        'db_table': 'cases_outgoingemail',
                        'ordering': ['-created_at'],
                        'indexes': [models.Index(fields=['status', '-created_at'], name='cases_outgo_status_9f6987_idx')],
                    },
                ),
                migrations.CreateModel(
                    name='Reminder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('stage', models.CharField(choices=[('before', 'Before the due date'), ('due', 'On the day'), ('escalation', 'Overdue: escalated')], max_length=12)),
                        ('days_before', models.PositiveSmallIntegerField(default=0)),
                        ('send_at', models.DateTimeField()),
                        ('sent_at', models.DateTimeField(blank=True, null=True)),
                        ('deadline', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='deadlines.deadline')),
                        ('recipient', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'reminder',
                        'verbose_name_plural': 'reminders',
                        'db_table': 'cases_reminder',
                    },
                ),
                migrations.AddIndex(
                    model_name='deadline',
                    index=models.Index(fields=['status', 'due_at'], name='cases_deadl_status_6402bc_idx'),
                ),
                migrations.AddIndex(
                    model_name='deadline',
                    index=models.Index(fields=['responsible', 'status', 'due_at'], name='cases_deadl_respons_dcce52_idx'),
                ),
                migrations.AddIndex(
                    model_name='deadline',
                    index=models.Index(fields=['owner_type', 'owner_id', 'status', 'due_at'], name='deadline_owner_status_due'),
                ),
                migrations.AddConstraint(
                    model_name='deadline',
                    constraint=models.UniqueConstraint(condition=models.Q(('status', 'open')), fields=('owner_type', 'owner_id', 'key'), name='deadline_one_open_per_owner_key'),
                ),
                migrations.AddIndex(
                    model_name='notification',
                    index=models.Index(fields=['user', '-created_at'], name='cases_notif_user_id_c30235_idx'),
                ),
                migrations.AddIndex(
                    model_name='notification',
                    index=models.Index(condition=models.Q(('read_at__isnull', True)), fields=['user'], name='notif_unread'),
                ),
                migrations.AddIndex(
                    model_name='reminder',
                    index=models.Index(condition=models.Q(('sent_at__isnull', True)), fields=['send_at'], name='reminder_unsent_due'),
                ),
                migrations.AddConstraint(
                    model_name='reminder',
                    constraint=models.UniqueConstraint(fields=('deadline', 'stage', 'days_before'), name='reminder_unique_stage'),
                ),
            ],
            database_operations=[],
        ),
    ]
