"""The rule catalogue's words, for the translation catalogue: each rule's name, each variant's
label, the citations that are not an official reference in their own language, and a plain note for
HR users where a maintainer's note says something they need.

Rules are data (``policies.models.Rule``, loaded by ``policies/migrations/0002_rules.py``) and are
stored in English; pages show them through ``gettext``, so a name reads in the reader's language
once the ``.po`` files translate it. A name an admin edits in the admin is shown as written (it has
no translation) until it is added here. Tests check that every rule row's text is listed.

Official references stay as they are (``ERA 1999 s10(1)–(3)``, ``aml §15-1``, ``29 CFR 1602.14``);
the Vietnamese Labour Code and decree, and the Acas Code's paragraphs, are cited in the reader's
language.
"""

from __future__ import annotations

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_noop as _  # marked for the catalogue, translated on display

from erms.lib import workdays

#: Each rule's name (``Rule.title``) by rule id.
TITLES: dict[str, str] = {
    "GB-DISC-001": _("Prompt investigation; misconduct: investigator is not the hearing chair"),
    "GB-SUSP-001": _("Suspension: paid, brief, reviewed, not a sanction"),
    "GB-DISC-002": _(
        "Written invitation: allegations, possible consequences, evidence incl. witness statements, time, place, companion right"
    ),
    "GB-DISC-003": _("Notice before a hearing: no fixed period, time to prepare"),
    "GB-ACC-001": _(
        "Companion at disciplinary, grievance, appeal hearings on reasonable request: co-worker, union official or union-certified rep, worker's choice"
    ),
    "GB-ACC-002": _(
        "Companion unavailable: worker's alternative time, reasonable, within 5 working days beginning with the first working day after the proposed date"
    ),
    "GB-SANC-001": _(
        "Warning letter: problem, improvement and timescale, live period, consequence of repeat, appeal right"
    ),
    "GB-TERM-001": _(
        "Dismissal letter: authorised manager; reasons, end date, notice or pay in lieu, appeal"
    ),
    "GB-TERM-002": _(
        "Written reasons for dismissal on request; automatic if dismissed while pregnant or on maternity leave"
    ),
    "GB-APP-001": _("Appeal: written grounds, impartial hearer, prompt, written result"),
    "GB-GRV-001": _(
        "Grievance: written, to a manager not its subject; prompt meeting; companion; written decision, appeal right"
    ),
    "GB-SCOPE-001": _("Code excludes redundancy, fixed-term expiry, collective grievances"),
    "GB-RISK-001": _("Unreasonable failure to follow the Code: award ±25%"),
    "GB-LIM-001": _(
        "Tribunal claim from effective date of termination or discriminatory act: 3 months less 1 day"
    ),
    "GB-LIM-002": _(
        "Acas early conciliation: Day A contact, Day B certificate; days A+1…B not counted; a result between Day A and Day B + 1 month becomes Day B + 1 month"
    ),
    "GB-LIM-003": _("Maximum early conciliation period (certificate due)"),
    "GB-LIM-004": _("Most tribunal limits become 6 months"),
    "GB-RED-001": _(
        "Collective redundancy: ≥20 at one establishment within ≤90 days; consult union or elected reps in good time before the first dismissal takes effect"
    ),
    "GB-RED-002": _("Disclosure to reps: reasons, numbers, roles, totals, selection, timing, pay method"),
    "GB-RED-003": _(
        "HR1 to the Secretary of State, copy to reps, before any notice; failure an offence (s194)"
    ),
    "GB-RED-004": _("Protective award, no consultation: ≤90 days' pay; ≤180 for dismissals from 6 Apr 2026"),
    "GB-CONS-001": _("ICE request, 50+ employees: ≥2%, minimum 15"),
    "US-DISC-001": _("Discipline, notice, appeal, letters: set by CBA or procedure"),
    "US-ACC-001": _("Weingarten: union-represented employee in an investigatory interview may ask for a rep"),
    "US-LIM-001": _("EEOC charge per discrete act (harassment: last incident)"),
    "US-LIM-002": _("Suit after right-to-sue notice"),
    "US-EQ-001": _("Title VII, ADA, ADEA (40+), GINA protected characteristics; retaliation"),
    "US-REC-001": _("Personnel records: from later of record/action, or from involuntary termination"),
    "US-REC-002": _("Charge or suit: keep relevant records to final disposition"),
    "US-REC-003": _("ADEA/EPA payroll records"),
    "US-RED-001": _("WARN Act coverage: 100+ excl. part-time, or 100+ working ≥4,000 h/week"),
    "US-RED-002": _(
        "Plant closing or mass layoff: notice to workers or union, state dislocated-worker unit, chief local elected official"
    ),
    "US-RED-003": _("Short notice: faltering company, unforeseeable circumstances, natural disaster"),
    "US-RED-004": _(
        "WARN liability: back pay ≤60 days; ≤$500/day if no local notice; states may be stricter"
    ),
    "NO-TERM-001": _(
        "Drøftingsmøte with employee and tillitsvalgt before deciding dismissal, avskjed or suspension"
    ),
    "NO-TERM-002": _("Notice: written, by hand or registered post, effective on receipt; reasons on request"),
    "NO-TERM-003": _("Letter: rights to negotiate, sue, stay in post, each deadline, correct defendant"),
    "NO-TERM-004": _(
        "Form defect: suit within 4 months makes the dismissal void unless clearly unreasonable"
    ),
    "NO-TERM-005": _("Employer notice period, from the 1st of the next month"),
    "NO-DISP-001": _("Employee's written demand for negotiations"),
    "NO-DISP-002": _(
        "Negotiations: meeting within 2 weeks of demand; end 2 weeks after first meeting unless agreed"
    ),
    "NO-LIM-001": _("Lawsuit from end of negotiations, else from the dismissal"),
    "NO-RED-001": _("Mass dismissal detector: ≥10 in 30 days, not based on the individuals"),
    "NO-RED-002": _("Consult tillitsvalgte as early as possible to avoid, reduce, soften"),
    "NO-RED-003": _("Written notice to reps and NAV, by the consultation invitation"),
    "NO-RED-004": _("Earliest effect of mass dismissals: NAV notice + 30 days"),
    "NO-WB-001": _(
        "Whistleblowing (varsling): adequate investigation in reasonable time; protect the reporter"
    ),
    "NO-WB-002": _("Written reporting routines made with staff or reps, ≥5 employees"),
    "NO-EQ-001": _("Discrimination grounds under aml and LDL; harassment on these counts"),
    "NO-HAR-001": _("No harassment or improper conduct; prevent sexual harassment"),
    "VN-RULES-001": _("Written internal rules, rep org consulted; ≥10 staff"),
    "VN-RULES-002": _("Internal rule registration"),
    "VN-DISC-001": _(
        "Employer proves fault; rep org present if a member; employee attends; minutes; one sanction per violation"
    ),
    "VN-DISC-002": _(
        "No discipline during sick, convalescence or approved leave, custody, pregnancy, maternity leave, child under 12 months"
    ),
    "VN-DISC-003": _("Discipline limitation period from the violation; decide within it"),
    "VN-DISC-004": _("Disciplinary meeting notice to employee, rep org, legal rep"),
    "VN-DISC-005": _(
        "Decision: act as worded in rules, evidence, one sanction, clearance date, challenge route"
    ),
    "VN-SANC-001": _("Only reprimand, pay-rise deferral, demotion, dismissal; no fines or pay cuts"),
    "VN-SANC-002": _("Dismissal only on the listed grounds"),
    "VN-SANC-003": _("Sanction cleared if no new violation"),
    "VN-SUSP-001": _("Suspension after consulting rep org; 50% wage advance; full pay if not disciplined"),
    "VN-DISP-001": _("Mediator first (with listed exceptions)"),
    "VN-DISP-002": _("Arbitration"),
    "VN-LIM-001": _("Request from discovering the infringement (force majeure excluded)"),
    "VN-CONS-001": _("Workplace dialogue, at least yearly; on request; on listed events"),
    "VN-CONS-002": _("Collective bargaining"),
    "VN-RED-001": _(
        "Restructuring or economic redundancy: labour-utilisation plan; consult rep org; notify provincial People's Committee and employees"
    ),
    "VN-EQ-001": _("Discrimination grounds"),
    "XJ-001": _("Investigator ≠ decision maker ≠ appeal hearer"),
    "XJ-002": _("Protected status at a disciplinary step (pregnancy, leave, recent complaint)"),
    "XJ-003": _("Adverse action within N days (setting) after the person's grievance, complaint or varsel"),
    "XJ-004": _("Retention floor = longest open limitation + buffer; legal hold overrides"),
    "XJ-005": _("Organisation limit below a statutory number"),
}

#: Each variant's label by (rule id, variant key).
VARIANT_LABELS: dict[tuple[str, str], str] = {
    ("GB-APP-001", "lodge"): _("Time to appeal"),
    ("GB-APP-001", "hear"): _("Time to hear the appeal"),
    ("GB-LIM-001", "standard"): _("Most claims: 3 months less 1 day"),
    ("GB-LIM-001", "redundancy_equal_pay"): _("Redundancy pay, equal pay: 6 months"),
    ("GB-LIM-003", "from_2025_12_01"): _("EC from 1 Dec 2025: 12 weeks"),
    ("GB-LIM-003", "to_2025_11_30"): _("EC to 30 Nov 2025: 6 weeks"),
    ("GB-RED-001", "20_99"): _("20–99 redundancies: 30 days"),
    ("GB-RED-001", "100_plus"): _("100 or more: 45 days"),
    ("GB-RED-003", "20_99"): _("20–99 redundancies: 30 days"),
    ("GB-RED-003", "100_plus"): _("100 or more: 45 days"),
    ("US-LIM-001", "no_agency"): _("180 days"),
    ("US-LIM-001", "state_agency"): _("300 days (state/local agency covers the basis)"),
    ("US-LIM-002", "right_to_sue"): _("90 days after right-to-sue"),
    ("US-LIM-002", "adea_after_charge"): _("ADEA: may sue 60 days after charge"),
    ("US-LIM-002", "epa"): _("EPA: 2 years"),
    ("US-LIM-002", "epa_wilful"): _("EPA wilful: 3 years"),
    ("US-REC-001", "standard"): _("1 year"),
    ("US-REC-001", "education_government"): _("Education, state/local government: 2 years"),
    ("NO-TERM-005", "standard"): _("1 month"),
    ("NO-TERM-005", "5_years"): _("5+ years' service: 2 months"),
    ("NO-TERM-005", "10_years"): _("10+ years' service: 3 months"),
    ("NO-TERM-005", "10_years_age_50"): _("10+ years, age 50: 4 months"),
    ("NO-TERM-005", "10_years_age_55"): _("10+ years, age 55: 5 months"),
    ("NO-TERM-005", "10_years_age_60"): _("10+ years, age 60: 6 months"),
    ("NO-TERM-005", "probation"): _("Probation: 14 days"),
    ("NO-DISP-002", "meeting"): _("Meeting within 2 weeks of the demand"),
    ("NO-DISP-002", "end"): _("Negotiations end 2 weeks after the first meeting"),
    ("NO-LIM-001", "invalidity"): _("Invalidity: 8 weeks"),
    ("NO-LIM-001", "damages"): _("Damages only: 6 months"),
    ("VN-RULES-002", "file"): _("File within 10 days"),
    ("VN-RULES-002", "defects"): _("Defects flagged within 7 working days"),
    ("VN-RULES-002", "effective"): _("Effective 15 days after a complete file"),
    ("VN-DISC-003", "standard"): _("6 months"),
    ("VN-DISC-003", "finance_assets_secrets"): _("Finance, assets, leaked secrets: 12 months"),
    ("VN-SANC-003", "reprimand"): _("Reprimand: 3 months"),
    ("VN-SANC-003", "deferral"): _("Pay-rise deferral: 6 months"),
    ("VN-SANC-003", "demotion"): _("Demotion: 3 years"),
    ("VN-SUSP-001", "standard"): _("Up to 15 days"),
    ("VN-SUSP-001", "exceptional"): _("Exceptionally up to 90 days"),
    ("VN-DISP-002", "panel"): _("Panel within 7 working days"),
    ("VN-DISP-002", "decision"): _("Decision 30 days later"),
    ("VN-LIM-001", "mediator"): _("Mediator: 6 months"),
    ("VN-LIM-001", "arbitration"): _("Arbitration: 9 months"),
    ("VN-LIM-001", "court"): _("Court: 1 year"),
}

#: Citations read in the reader's language; the others are official references, shown as they are.
CITATIONS: dict[str, str] = {
    "GB-DISC-001": _("Acas Code paras 5–7"),
    "GB-SUSP-001": _("Acas Code para 8"),
    "GB-DISC-002": _("Acas Code paras 9–10"),
    "GB-DISC-003": _("Acas Code paras 9–12"),
    "GB-SANC-001": _("Acas Code paras 18–21"),
    "GB-TERM-001": _("Acas Code paras 21–22"),
    "GB-APP-001": _("Acas Code paras 26–29, 41–45"),
    "GB-GRV-001": _("Acas Code paras 32–46"),
    "GB-SCOPE-001": _("Acas Code foreword"),
    "US-LIM-001": _("EEOC charge time limits"),
    "VN-RULES-001": _("LC Art 118; Decree 145 Art 69"),
    "VN-RULES-002": _("LC Arts 119, 121"),
    "VN-DISC-001": _("LC Art 122(1)–(3)"),
    "VN-DISC-002": _("LC Art 122(4)–(5)"),
    "VN-DISC-003": _("LC Art 123"),
    "VN-DISC-004": _("Decree 145 Art 70"),
    "VN-DISC-005": _("LC Arts 122–126"),
    "VN-SANC-001": _("LC Art 124"),
    "VN-SANC-002": _("LC Art 125"),
    "VN-SANC-003": _("LC Art 126"),
    "VN-SUSP-001": _("LC Art 128"),
    "VN-DISP-001": _("LC Art 188"),
    "VN-DISP-002": _("LC Art 189"),
    "VN-LIM-001": _("LC Art 190"),
    "VN-CONS-001": _("LC Art 63"),
    "VN-CONS-002": _("LC Arts 65–78"),
    "VN-RED-001": _("LC Arts 42, 44"),
    "VN-EQ-001": _("LC Art 3(8)"),
    "XJ-001": _("GB Code; good practice elsewhere"),
}

#: A maintainer's note (kept in the admin) and what HR users see instead: only while the rule's
#: note still reads as below, so a note an admin rewrites never shows a stale explanation.
USER_NOTES: dict[str, tuple[str, str]] = {
    "GB-SUSP-001": (
        "Review interval set by the organisation; the review is a DEADLINE.",
        _("The organisation sets how often a suspension is reviewed; each review is a deadline."),
    ),
    "GB-DISC-003": (
        "No fixed number; the procedure's own value BLOCKs.",
        _("The law sets no number of days; ERMS holds to the notice in the organisation's procedure."),
    ),
    "GB-ACC-001": (
        "One companion. Blocks holding the hearing after refusing a recorded request.",
        _("One companion. ERMS stops the hearing if a recorded request was refused."),
    ),
    "GB-SANC-001": (
        "No Code length; issue date is day 1 (includes trigger day). Exact paragraphs UNVERIFIED.",
        _("The Code sets no length; the day the warning is issued is day 1."),
    ),
    "GB-APP-001": (
        "Acas guidance ≈5 wd to appeal, ≈5 wd to hear (UNVERIFIED); procedure value, default 5 wd.",
        _(
            "Acas guidance: about 5 working days to appeal and about 5 to hear the appeal; the "
            "organisation's procedure sets the number (5 working days unless changed)."
        ),
    ),
    "GB-LIM-001": (
        "Risk date. Until GB-LIM-004 takes effect. Extended by Acas early conciliation (GB-LIM-002).",
        _(
            "Risk date: a claim is possible until then. Acas early conciliation extends it (GB-LIM-002). "
            "Applies until GB-LIM-004 takes effect."
        ),
    ),
    "GB-LIM-002": (
        "Computed by the early-conciliation extension, not as a plain period.",
        _("ERMS works this out from the early conciliation dates, not as a fixed period."),
    ),
    "GB-RED-003": (
        "Blocks notices before HR1.",
        _("ERMS stops dismissal notices before the HR1 is sent."),
    ),
    "US-ACC-001": (
        "Block until logged: wait, stop, or employee picks no rep or no interview.",
        _(
            "ERMS holds the interview until a choice is recorded: wait for the representative, stop, "
            "or the employee chooses to go on without a representative or to have no interview."
        ),
    ),
    "US-LIM-001": (
        "Risk date. Grievances don't pause it; next-business-day filing UNVERIFIED.",
        _("Risk date: a charge is possible until then. A grievance does not pause it."),
    ),
    "US-EQ-001": (
        "Employers 15+; ADEA 20+. 2025 EEOC gender-identity stance UNVERIFIED.",
        _("Employers with 15 or more employees; ADEA: 20 or more."),
    ),
    "US-REC-001": ("Blocks purge.", _("ERMS does not delete these records before then.")),
    "US-REC-002": (
        "Blocks purge (hold).",
        _("ERMS keeps these records (a legal hold) until the charge or suit is finally decided."),
    ),
    "US-REC-003": ("3 years UNVERIFIED. Blocks purge.", _("ERMS does not delete these records before then.")),
    "US-RED-002": (
        "90-day aggregation and contents UNVERIFIED. Blocks termination before notice + 60.",
        _("ERMS stops a termination earlier than 60 days after the notice."),
    ),
    "US-RED-003": (
        "Lifts US-RED-002 with a code and reason.",
        _("Lifts US-RED-002 when the exception and the reason are recorded."),
    ),
    "NO-TERM-005": ("Group service counts.", _("Service in other companies of the group counts.")),
    "NO-DISP-001": (
        "Risk date, from the dismissal.",
        _("Risk date, counted from the dismissal: the employee may demand negotiations until then."),
    ),
    "NO-LIM-001": ("Risk date.", _("Risk date: the employee may act until then.")),
    "VN-RULES-001": (
        "Blocks discipline for acts not listed in the rules.",
        _("ERMS stops discipline for an act the internal labour rules do not list."),
    ),
    "VN-DISC-003": (
        "If expired or under 60 days left when a bar ends, extended to 60 days after the bar. "
        "Blocks later decisions.",
        _(
            "If the period has run out, or fewer than 60 days are left, when a bar on discipline ends, "
            "it is extended to 60 days after the bar ends. ERMS stops a later decision."
        ),
    ),
    "VN-DISC-004": (
        "At least 5 working days before. No-show rules UNVERIFIED.",
        _("At least 5 working days before the meeting."),
    ),
    "VN-DISC-005": (
        "Within VN-DISC-003. Recipients UNVERIFIED.",
        _("Within the limitation period (VN-DISC-003)."),
    ),
    "VN-SANC-001": (
        "Pay-rise deferral at most 6 months. Art 127 wording UNVERIFIED.",
        _("A pay-rise deferral lasts at most 6 months."),
    ),
    "VN-SANC-002": (
        "Unexcused absence: 5 days in 30 or 20 in 365.",
        _("Unexcused absence: 5 days in 30 days, or 20 days in 365 days."),
    ),
    "VN-SANC-003": (
        "Deferral may be cut after half. Repeats count live sanctions.",
        _(
            "A pay-rise deferral may be shortened once half of it has passed. A repeated violation "
            "counts the sanctions still in force."
        ),
    ),
    "VN-LIM-001": ("Risk date.", _("Risk date: the employee may act until then.")),
    "XJ-001": ("ER lead may override with a reason.", _("An ER lead may override this, giving a reason.")),
    "XJ-002": ("VN BLOCK; elsewhere WARN.", _("In Vietnam ERMS stops the step; elsewhere it warns.")),
    "XJ-003": ("Retaliation warning.", _("A warning of possible retaliation.")),
    "XJ-004": (
        "US 1–2 years, GB 3→6 months, NO 6 months, VN 1 year.",
        _(
            "Buffer: US 1–2 years; GB 3 months, 6 months once tribunal limits become 6 months; "
            "NO 6 months; VN 1 year."
        ),
    ),
    "XJ-005": (
        "Blocked in admin.",
        _("The admin refuses an organisation limit below the statutory number."),
    ),
}


def title(rule_title: str) -> str:
    """A rule's name in the active language (as stored when the catalogue has no translation)."""
    return gettext(rule_title) if rule_title else ""


def variant_label(label: str, key: str = "") -> str:
    """A variant's label in the active language; a variant with no label is named by its key, in words."""
    if label:
        return gettext(label)
    return key.replace("_", " ")


def citation(text: str) -> str:
    """A citation in the active language where the catalogue has one; an official reference as it is."""
    return gettext(text) if text and text != "—" else text


def user_note(rule_id: str, notes: str) -> str:
    """The plain note HR users see for a rule, in the active language; "" when there is none."""
    source, note = USER_NOTES.get(rule_id, ("", ""))
    return gettext(note) if note and notes.strip() == source else ""


def period(number: int | None, unit: str) -> str:
    """``number`` ``unit`` in words, singular or plural as the number needs ("1 month", "2 months")."""
    if number is None:
        return ""
    n = {"n": number}
    if unit == workdays.CALENDAR_DAYS:
        return ngettext("%(n)s calendar day", "%(n)s calendar days", number) % n
    if unit == workdays.WORKING_DAYS:
        return ngettext("%(n)s working day", "%(n)s working days", number) % n
    if unit == workdays.WEEKS:
        return ngettext("%(n)s week", "%(n)s weeks", number) % n
    if unit == workdays.MONTHS:
        return ngettext("%(n)s month", "%(n)s months", number) % n
    return str(number)
