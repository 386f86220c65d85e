"""Load the GB, US, NO, VN and cross-jurisdiction rules of DOMAIN.md into the rule table.

Rows marked UNVERIFIED in DOMAIN.md ship as ``unverified``; "ship inactive" rows as
``inactive``. Admins correct the rows in Django admin; this migration only inserts
missing rule ids, so re-running it never overwrites an admin's edit.
"""

from django.db import migrations

CD, WD, WK, MO = "calendar_days", "working_days", "weeks", "months"
EXC, INC, NEXT_MONTH = "excludes_trigger_day", "includes_trigger_day", "from_next_month_start"
BLOCK, DEADLINE, WARN = "block", "deadline", "warn"
V, U, I = "verified", "unverified", "inactive"
ACAS = "2015-03-11"
LC = "2021-01-01"
D145 = "2021-02-01"


def r(rule_id, title, action, citation, *, number=None, unit="", counting=EXC, status=V, source_url="",
      effective_from=None, effective_to=None, variants=(), notes=""):
    return {
        "rule_id": rule_id, "jurisdiction": rule_id.split("-", 1)[0], "title": title, "number": number, "unit": unit,
        "counting": counting, "action": action, "citation": citation, "source_url": source_url, "status": status,
        "effective_from": effective_from, "effective_to": effective_to, "variants": list(variants), "notes": notes,
    }


def v(key, label, number, unit, **extra):
    return {"key": key, "label": label, "number": number, "unit": unit, **extra}


RULES = [
    # Great Britain
    r("GB-DISC-001", "Prompt investigation; misconduct: investigator is not the hearing chair", WARN,
      "Acas Code paras 5–7", effective_from=ACAS),
    r("GB-SUSP-001", "Suspension: paid, brief, reviewed, not a sanction", WARN, "Acas Code para 8",
      effective_from=ACAS, notes="Review interval set by the organisation; the review is a DEADLINE."),
    r("GB-DISC-002", "Written invitation: allegations, possible consequences, evidence incl. witness statements, "
      "time, place, companion right", WARN, "Acas Code paras 9–10", effective_from=ACAS),
    r("GB-DISC-003", "Notice before a hearing: no fixed period, time to prepare", WARN, "Acas Code paras 9–12",
      effective_from=ACAS, notes="No fixed number; the procedure's own value BLOCKs."),
    r("GB-ACC-001", "Companion at disciplinary, grievance, appeal hearings on reasonable request: co-worker, union "
      "official or union-certified rep, worker's choice", BLOCK, "ERA 1999 s10(1)–(3)",
      source_url="http://www.legislation.gov.uk/ukpga/1999/26/section/10?view=plain",
      notes="One companion. Blocks holding the hearing after refusing a recorded request."),
    r("GB-ACC-002", "Companion unavailable: worker's alternative time, reasonable, within 5 working days beginning "
      "with the first working day after the proposed date", BLOCK, "ERA 1999 s10(4)–(5)", number=5, unit=WD,
      source_url="http://www.legislation.gov.uk/ukpga/1999/26/section/10?view=plain",
      notes="GB's s10 definition of working day: UNVERIFIED."),
    r("GB-SANC-001", "Warning letter: problem, improvement and timescale, live period, consequence of repeat, "
      "appeal right", DEADLINE, "Acas Code paras 18–21", status=U, effective_from=ACAS,
      notes="No Code length; issue date is day 1 (includes trigger day). Exact paragraphs UNVERIFIED."),
    r("GB-TERM-001", "Dismissal letter: authorised manager; reasons, end date, notice or pay in lieu, appeal", WARN,
      "Acas Code paras 21–22", effective_from=ACAS),
    r("GB-TERM-002", "Written reasons for dismissal on request; automatic if dismissed while pregnant or on "
      "maternity leave", DEADLINE, "ERA 1996 s92", number=14, unit=CD, status=U,
      notes="Qualifying service UNVERIFIED."),
    r("GB-APP-001", "Appeal: written grounds, impartial hearer, prompt, written result", DEADLINE,
      "Acas Code paras 26–29, 41–45", number=5, unit=WD, status=U, effective_from=ACAS,
      source_url="https://www.acas.org.uk/index.aspx?articleid=4189",
      variants=[v("lodge", "Time to appeal", 5, WD), v("hear", "Time to hear the appeal", 5, WD)],
      notes="Acas guidance ≈5 wd to appeal, ≈5 wd to hear (UNVERIFIED); procedure value, default 5 wd."),
    r("GB-GRV-001", "Grievance: written, to a manager not its subject; prompt meeting; companion; written decision, "
      "appeal right", WARN, "Acas Code paras 32–46", effective_from=ACAS),
    r("GB-SCOPE-001", "Code excludes redundancy, fixed-term expiry, collective grievances", WARN,
      "Acas Code foreword", effective_from=ACAS),
    r("GB-RISK-001", "Unreasonable failure to follow the Code: award ±25%", WARN, "TULRCA s207A"),
    r("GB-LIM-001", "Tribunal claim from effective date of termination or discriminatory act: 3 months less 1 day",
      DEADLINE, "ERA 1996 s111; EqA s123", number=3, unit=MO, counting=INC,
      variants=[v("standard", "Most claims: 3 months less 1 day", 3, MO),
                v("redundancy_equal_pay", "Redundancy pay, equal pay: 6 months", 6, MO)],
      notes="Risk date. Until GB-LIM-004 takes effect. Extended by Acas early conciliation (GB-LIM-002)."),
    r("GB-LIM-002", "Acas early conciliation: Day A contact, Day B certificate; days A+1…B not counted; a result "
      "between Day A and Day B + 1 month becomes Day B + 1 month", DEADLINE, "ERA 1996 s207B",
      notes="Computed by the early-conciliation extension, not as a plain period."),
    r("GB-LIM-003", "Maximum early conciliation period (certificate due)", DEADLINE, "SI 2025/1153",
      number=12, unit=WK,
      variants=[v("from_2025_12_01", "EC from 1 Dec 2025: 12 weeks", 12, WK, effective_from="2025-12-01"),
                v("to_2025_11_30", "EC to 30 Nov 2025: 6 weeks", 6, WK, effective_to="2025-11-30")]),
    r("GB-LIM-004", "Most tribunal limits become 6 months", DEADLINE, "ERA 2025 s152", number=6, unit=MO,
      counting=INC, status=I, notes="Expected Oct 2026; date and transition UNVERIFIED. Ship inactive."),
    r("GB-RED-001", "Collective redundancy: ≥20 at one establishment within ≤90 days; consult union or elected reps "
      "in good time before the first dismissal takes effect", BLOCK, "TULRCA s188, s188A", number=30, unit=CD,
      variants=[v("20_99", "20–99 redundancies: 30 days", 30, CD), v("100_plus", "100 or more: 45 days", 45, CD)]),
    r("GB-RED-002", "Disclosure to reps: reasons, numbers, roles, totals, selection, timing, pay method", WARN,
      "TULRCA s188(4)", status=U, notes="List UNVERIFIED."),
    r("GB-RED-003", "HR1 to the Secretary of State, copy to reps, before any notice; failure an offence (s194)",
      DEADLINE, "TULRCA s193", number=30, unit=CD,
      source_url="https://www.legislation.gov.uk/ukpga/1992/52/section/193?timeline=false&view=plain",
      variants=[v("20_99", "20–99 redundancies: 30 days", 30, CD), v("100_plus", "100 or more: 45 days", 45, CD)],
      notes="Blocks notices before HR1."),
    r("GB-RED-004", "Protective award, no consultation: ≤90 days' pay; ≤180 for dismissals from 6 Apr 2026", WARN,
      "ERA 2025 s30", source_url="https://www.legislation.gov.uk/ukpga/2025/36/section/30/data.html"),
    r("GB-CONS-001", "ICE request, 50+ employees: ≥2%, minimum 15", WARN, "ICE Regulations 2004", status=U,
      effective_from="2020-04-06", notes="Negotiation limits UNVERIFIED."),
    # United States (federal)
    r("US-DISC-001", "Discipline, notice, appeal, letters: set by CBA or procedure", WARN, "—"),
    r("US-ACC-001", "Weingarten: union-represented employee in an investigatory interview may ask for a rep", BLOCK,
      "NLRB v. J. Weingarten, 420 U.S. 251 (1975)",
      notes="Block until logged: wait, stop, or employee picks no rep or no interview."),
    r("US-LIM-001", "EEOC charge per discrete act (harassment: last incident)", DEADLINE, "EEOC charge time limits",
      number=180, unit=CD,
      variants=[v("no_agency", "180 days", 180, CD),
                v("state_agency", "300 days (state/local agency covers the basis)", 300, CD)],
      notes="Risk date. Grievances don't pause it; next-business-day filing UNVERIFIED."),
    r("US-LIM-002", "Suit after right-to-sue notice", DEADLINE, "EEOC", number=90, unit=CD,
      source_url="https://eeoc.gov/node/24383",
      variants=[v("right_to_sue", "90 days after right-to-sue", 90, CD),
                v("adea_after_charge", "ADEA: may sue 60 days after charge", 60, CD),
                v("epa", "EPA: 2 years", 24, MO), v("epa_wilful", "EPA wilful: 3 years", 36, MO)]),
    r("US-EQ-001", "Title VII, ADA, ADEA (40+), GINA protected characteristics; retaliation", WARN,
      "Title VII; ADA; ADEA; GINA", status=U,
      source_url="https://eeoc.gov/bending-toward-justice-60-years-civil-rights-laws-protecting-workers-america",
      notes="Employers 15+; ADEA 20+. 2025 EEOC gender-identity stance UNVERIFIED."),
    r("US-REC-001", "Personnel records: from later of record/action, or from involuntary termination", BLOCK,
      "29 CFR 1602.14", number=12, unit=MO,
      source_url="https://eeoc.gov/employers/summary-selected-recordkeeping-obligations-29-cfr-part-1602",
      variants=[v("standard", "1 year", 12, MO), v("education_government", "Education, state/local government: 2 years", 24, MO)],
      notes="Blocks purge."),
    r("US-REC-002", "Charge or suit: keep relevant records to final disposition", BLOCK, "29 CFR 1602.14",
      notes="Blocks purge (hold)."),
    r("US-REC-003", "ADEA/EPA payroll records", BLOCK, "29 CFR 1627.3", number=36, unit=MO, status=U,
      notes="3 years UNVERIFIED. Blocks purge."),
    r("US-RED-001", "WARN Act coverage: 100+ excl. part-time, or 100+ working ≥4,000 h/week", WARN, "20 CFR 639"),
    r("US-RED-002", "Plant closing or mass layoff: notice to workers or union, state dislocated-worker unit, chief "
      "local elected official", BLOCK, "20 CFR 639", number=60, unit=CD, status=U,
      notes="90-day aggregation and contents UNVERIFIED. Blocks termination before notice + 60."),
    r("US-RED-003", "Short notice: faltering company, unforeseeable circumstances, natural disaster", WARN,
      "20 CFR 639.9", notes="Lifts US-RED-002 with a code and reason."),
    r("US-RED-004", "WARN liability: back pay ≤60 days; ≤$500/day if no local notice; states may be stricter",
      WARN, "WARN Act"),
    # Norway
    r("NO-TERM-001", "Drøftingsmøte with employee and tillitsvalgt before deciding dismissal, avskjed or suspension",
      BLOCK, "aml §15-1"),
    r("NO-TERM-002", "Notice: written, by hand or registered post, effective on receipt; reasons on request", BLOCK,
      "aml §15-4", source_url="https://www.arbeidstilsynet.no/regelverk/lover/arbeidsmiljoloven/15/15-4/"),
    r("NO-TERM-003", "Letter: rights to negotiate, sue, stay in post, each deadline, correct defendant", BLOCK,
      "aml §15-4(2)"),
    r("NO-TERM-004", "Form defect: suit within 4 months makes the dismissal void unless clearly unreasonable", WARN,
      "aml §15-5", number=4, unit=MO),
    r("NO-TERM-005", "Employer notice period, from the 1st of the next month", DEADLINE, "aml §15-3",
      number=1, unit=MO, counting=NEXT_MONTH,
      variants=[v("standard", "1 month", 1, MO), v("5_years", "5+ years' service: 2 months", 2, MO),
                v("10_years", "10+ years' service: 3 months", 3, MO),
                v("10_years_age_50", "10+ years, age 50: 4 months", 4, MO),
                v("10_years_age_55", "10+ years, age 55: 5 months", 5, MO),
                v("10_years_age_60", "10+ years, age 60: 6 months", 6, MO),
                v("probation", "Probation: 14 days", 14, CD, counting=EXC)],
      notes="Group service counts."),
    r("NO-DISP-001", "Employee's written demand for negotiations", DEADLINE, "aml §17-3(2)", number=2, unit=WK,
      notes="Risk date, from the dismissal."),
    r("NO-DISP-002", "Negotiations: meeting within 2 weeks of demand; end 2 weeks after first meeting unless agreed",
      DEADLINE, "aml §17-3(3),(5)", number=2, unit=WK,
      variants=[v("meeting", "Meeting within 2 weeks of the demand", 2, WK),
                v("end", "Negotiations end 2 weeks after the first meeting", 2, WK)]),
    r("NO-LIM-001", "Lawsuit from end of negotiations, else from the dismissal", DEADLINE, "aml §17-4",
      number=8, unit=WK,
      variants=[v("invalidity", "Invalidity: 8 weeks", 8, WK), v("damages", "Damages only: 6 months", 6, MO)],
      notes="Risk date."),
    r("NO-RED-001", "Mass dismissal detector: ≥10 in 30 days, not based on the individuals", WARN, "aml §15-2",
      number=30, unit=CD),
    r("NO-RED-002", "Consult tillitsvalgte as early as possible to avoid, reduce, soften", WARN, "aml §15-2"),
    r("NO-RED-003", "Written notice to reps and NAV, by the consultation invitation", BLOCK,
      "aml §15-2(3); arbeidsmarkedsloven §8",
      source_url="https://www.nav.no/nav.no-ressurser/lenker/regelverk/rettskildene/arbeidsmarkedsloven--8"),
    r("NO-RED-004", "Earliest effect of mass dismissals: NAV notice + 30 days", BLOCK, "arbeidsmarkedsloven §8",
      number=30, unit=CD),
    r("NO-WB-001", "Whistleblowing (varsling): adequate investigation in reasonable time; protect the reporter",
      WARN, "aml §2A-3"),
    r("NO-WB-002", "Written reporting routines made with staff or reps, ≥5 employees", WARN, "aml §2A-6",
      status=U, source_url="https://arbeidstilsynet.no/regelverk/lover/arbeidsmiljoloven/2a/2a-6/",
      notes="In force 2020 (before in §2A-3); date UNVERIFIED."),
    r("NO-EQ-001", "Discrimination grounds under aml and LDL; harassment on these counts", WARN, "aml §13-1; LDL",
      source_url="https://www.arbeidstilsynet.no/regelverk/lover/arbeidsmiljoloven/13/13-1/"),
    r("NO-HAR-001", "No harassment or improper conduct; prevent sexual harassment", WARN, "aml §4-3; LDL §13",
      source_url="https://www.arbeidstilsynet.no/en/laws-and-regulations/laws/the-working-environment-act/5/section4-3/"),
    # Vietnam
    r("VN-RULES-001", "Written internal rules, rep org consulted; ≥10 staff", BLOCK, "LC Art 118; Decree 145 Art 69",
      effective_from=D145, notes="Blocks discipline for acts not listed in the rules."),
    r("VN-RULES-002", "Internal rule registration", DEADLINE, "LC Arts 119, 121", number=10, unit=CD,
      effective_from=LC,
      variants=[v("file", "File within 10 days", 10, CD), v("defects", "Defects flagged within 7 working days", 7, WD),
                v("effective", "Effective 15 days after a complete file", 15, CD)]),
    r("VN-DISC-001", "Employer proves fault; rep org present if a member; employee attends; minutes; one sanction "
      "per violation", BLOCK, "LC Art 122(1)–(3)", effective_from=LC,
      source_url="http://investvietnam.gov.vn/en/labor.nd/labor-discipline.html"),
    r("VN-DISC-002", "No discipline during sick, convalescence or approved leave, custody, pregnancy, maternity "
      "leave, child under 12 months", BLOCK, "LC Art 122(4)–(5)", effective_from=LC),
    r("VN-DISC-003", "Discipline limitation period from the violation; decide within it", DEADLINE, "LC Art 123",
      number=6, unit=MO, effective_from=LC,
      variants=[v("standard", "6 months", 6, MO),
                v("finance_assets_secrets", "Finance, assets, leaked secrets: 12 months", 12, MO)],
      notes="If expired or under 60 days left when a bar ends, extended to 60 days after the bar. Blocks later decisions."),
    r("VN-DISC-004", "Disciplinary meeting notice to employee, rep org, legal rep", BLOCK, "Decree 145 Art 70",
      number=5, unit=WD, status=U, effective_from=D145,
      notes="At least 5 working days before. No-show rules UNVERIFIED."),
    r("VN-DISC-005", "Decision: act as worded in rules, evidence, one sanction, clearance date, challenge route",
      BLOCK, "LC Arts 122–126", status=U, effective_from=LC, notes="Within VN-DISC-003. Recipients UNVERIFIED."),
    r("VN-SANC-001", "Only reprimand, pay-rise deferral, demotion, dismissal; no fines or pay cuts", BLOCK,
      "LC Art 124", number=6, unit=MO, status=U, effective_from=LC,
      notes="Pay-rise deferral at most 6 months. Art 127 wording UNVERIFIED."),
    r("VN-SANC-002", "Dismissal only on the listed grounds", BLOCK, "LC Art 125", effective_from=LC,
      notes="Unexcused absence: 5 days in 30 or 20 in 365."),
    r("VN-SANC-003", "Sanction cleared if no new violation", DEADLINE, "LC Art 126", number=3, unit=MO,
      effective_from=LC,
      variants=[v("reprimand", "Reprimand: 3 months", 3, MO), v("deferral", "Pay-rise deferral: 6 months", 6, MO),
                v("demotion", "Demotion: 3 years", 36, MO)],
      notes="Deferral may be cut after half. Repeats count live sanctions."),
    r("VN-SUSP-001", "Suspension after consulting rep org; 50% wage advance; full pay if not disciplined", BLOCK,
      "LC Art 128", number=15, unit=CD, counting=INC, effective_from=LC,
      variants=[v("standard", "Up to 15 days", 15, CD), v("exceptional", "Exceptionally up to 90 days", 90, CD)]),
    r("VN-DISP-001", "Mediator first (with listed exceptions)", DEADLINE, "LC Art 188", number=5, unit=WD,
      effective_from=LC),
    r("VN-DISP-002", "Arbitration", DEADLINE, "LC Art 189", number=7, unit=WD, effective_from=LC,
      variants=[v("panel", "Panel within 7 working days", 7, WD), v("decision", "Decision 30 days later", 30, CD)]),
    r("VN-LIM-001", "Request from discovering the infringement (force majeure excluded)", DEADLINE, "LC Art 190",
      number=6, unit=MO, effective_from=LC,
      variants=[v("mediator", "Mediator: 6 months", 6, MO), v("arbitration", "Arbitration: 9 months", 9, MO),
                v("court", "Court: 1 year", 12, MO)],
      notes="Risk date."),
    r("VN-CONS-001", "Workplace dialogue, at least yearly; on request; on listed events", DEADLINE, "LC Art 63",
      number=12, unit=MO, effective_from=LC),
    r("VN-CONS-002", "Collective bargaining", DEADLINE, "LC Arts 65–78", status=I, effective_from=LC,
      notes="Limits UNVERIFIED (recalled 7 wd, 90 cd). Ship inactive."),
    r("VN-RED-001", "Restructuring or economic redundancy: labour-utilisation plan; consult rep org; notify "
      "provincial People's Committee and employees", BLOCK, "LC Arts 42, 44", number=30, unit=CD, status=I,
      effective_from=LC, notes="≥30 days UNVERIFIED. Ship inactive."),
    r("VN-EQ-001", "Discrimination grounds", WARN, "LC Art 3(8)", status=U, effective_from=LC,
      notes="Union activity UNVERIFIED."),
    # Across jurisdictions
    r("XJ-001", "Investigator ≠ decision maker ≠ appeal hearer", BLOCK, "GB Code; good practice elsewhere",
      notes="ER lead may override with a reason."),
    r("XJ-002", "Protected status at a disciplinary step (pregnancy, leave, recent complaint)", WARN, "—",
      notes="VN BLOCK; elsewhere WARN."),
    r("XJ-003", "Adverse action within N days (setting) after the person's grievance, complaint or varsel", WARN,
      "—", notes="Retaliation warning."),
    r("XJ-004", "Retention floor = longest open limitation + buffer; legal hold overrides", BLOCK, "—",
      notes="US 1–2 years, GB 3→6 months, NO 6 months, VN 1 year."),
    r("XJ-005", "Organisation limit below a statutory number", BLOCK, "—", notes="Blocked in admin."),
]


def load_rules(apps, schema_editor):
    Rule = apps.get_model("policies", "Rule")
    existing = set(Rule.objects.values_list("rule_id", flat=True))
    Rule.objects.bulk_create([Rule(**row) for row in RULES if row["rule_id"] not in existing])


def unload_rules(apps, schema_editor):
    apps.get_model("policies", "Rule").objects.filter(rule_id__in=[row["rule_id"] for row in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("policies", "0001_initial")]

    operations = [migrations.RunPython(load_rules, unload_rules)]
