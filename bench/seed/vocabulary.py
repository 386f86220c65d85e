"""What the bench data looks like: offices, divisions, names, the case mix, topics and wording."""

from __future__ import annotations

from cases.models import CaseKind

LOCATIONS = [  # code, name, jurisdiction, region, time zone, share of employees
    ("SB-LON", "London", "GB", "GB-ENG", "Europe/London", 25),
    ("SB-EDI", "Edinburgh", "GB", "GB-SCT", "Europe/London", 10),
    ("SB-NYC", "New York", "US", "US-NY", "America/New_York", 18),
    ("SB-SFO", "San Francisco", "US", "US-CA", "America/Los_Angeles", 12),
    ("SB-OSL", "Oslo", "NO", "NO-03", "Europe/Oslo", 10),
    ("SB-BGO", "Bergen", "NO", "NO-46", "Europe/Oslo", 5),
    ("SB-HAN", "Hanoi", "VN", "VN-HN", "Asia/Ho_Chi_Minh", 10),
    ("SB-SGN", "Ho Chi Minh City", "VN", "VN-SG", "Asia/Ho_Chi_Minh", 10),
]

DIVISIONS = {
    "Operations": ["Warehousing", "Logistics", "Customer service", "Facilities", "Procurement", "Quality",
                   "Fleet", "Field service", "Health and safety"],
    "Technology": ["Platform engineering", "Product engineering", "Data", "IT support", "Security",
                   "Architecture", "Testing", "Infrastructure", "Design"],
    "Commercial": ["Sales UK", "Sales US", "Sales Nordics", "Sales Asia", "Marketing", "Partnerships",
                   "Account management", "Pricing", "Communications"],
    "Finance": ["Accounting", "Payroll", "Treasury", "Tax", "Internal audit", "Financial planning", "Legal",
                "Compliance", "Risk"],
    "People": ["HR operations", "Employee relations", "Recruitment", "Learning", "Reward", "HR systems",
               "Wellbeing", "Inclusion", "Talent"],
}

FIRST_NAMES = [
    "Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Noah", "Mia", "Jack", "Grace", "James", "Emily",
    "Michael", "Sarah", "David", "Jessica", "Daniel", "Ashley", "Carlos", "Maria", "Jamal", "Keisha",
    "Lars", "Ingrid", "Ola", "Kari", "Magnus", "Sigrid", "Henrik", "Nora", "Minh", "Lan", "Tuan", "Huong",
    "Duc", "Thao", "Anh", "Linh", "Priya", "Arjun", "Fatima", "Omar", "Chen", "Mei", "Aisha", "Kofi",
]
LAST_NAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Davies", "Evans", "Thomas", "Johnson",
    "Miller", "Garcia", "Rodriguez", "Martinez", "Anderson", "Jackson", "Hansen", "Johansen", "Olsen",
    "Larsen", "Andersen", "Pedersen", "Nilsen", "Berg", "Haugen", "Nguyen", "Tran", "Le", "Pham", "Hoang",
    "Vu", "Dang", "Bui", "Do", "Patel", "Khan", "Ahmed", "Singh", "Wang", "Li", "Okafor", "Mensah",
    "O'Brien", "MacLeod", "Campbell", "Murray",
]
JOB_TITLES = ["Associate", "Analyst", "Specialist", "Coordinator", "Engineer", "Adviser", "Consultant",
              "Administrator", "Technician", "Officer"]

# Kind mix of a large employer's case load (percent).
KIND_WEIGHTS = [
    (CaseKind.GRIEVANCE, 20), (CaseKind.DISCIPLINARY, 24), (CaseKind.INVESTIGATION, 9),
    (CaseKind.HARASSMENT_DISCRIMINATION, 10), (CaseKind.CAPABILITY, 12), (CaseKind.APPEAL, 5),
    (CaseKind.MEDIATION, 5), (CaseKind.TERMINATION, 6), (CaseKind.CLAIM, 3), (CaseKind.WHISTLEBLOWING, 2),
    (CaseKind.EAP_REFERRAL, 4),
]
TOPICS = {
    CaseKind.GRIEVANCE: ["shift allocation", "overtime pay", "a refused flexible working request",
                         "workload", "a missed promotion", "holiday scheduling", "the bonus decision"],
    CaseKind.DISCIPLINARY: ["unauthorised absence", "repeated lateness", "misuse of company systems",
                            "a breach of the safety rules", "an expenses claim", "conduct towards a customer",
                            "a data protection breach"],
    CaseKind.INVESTIGATION: ["a missing stock count", "an anonymous report", "a customer complaint",
                             "a security incident", "a procurement irregularity"],
    CaseKind.HARASSMENT_DISCRIMINATION: ["comments in team meetings", "exclusion from projects",
                                         "messages after hours", "remarks about religion", "unequal pay"],
    CaseKind.CAPABILITY: ["missed sales targets", "quality of work", "long-term sickness absence",
                          "repeated short absences", "accuracy of reports"],
    CaseKind.APPEAL: ["the outcome of the earlier case"],
    CaseKind.MEDIATION: ["a breakdown in the working relationship", "a dispute over duties"],
    CaseKind.TERMINATION: ["redundancy in the team", "the end of a fixed-term contract", "restructuring"],
    CaseKind.CLAIM: ["an unfair dismissal claim", "a wage claim", "a discrimination claim"],
    CaseKind.WHISTLEBLOWING: ["financial reporting", "health and safety practice", "a supplier contract"],
    CaseKind.EAP_REFERRAL: ["wellbeing support", "a bereavement", "stress at work"],
}
KIND_CATEGORY = {
    CaseKind.GRIEVANCE: "grievance", CaseKind.DISCIPLINARY: "conduct", CaseKind.INVESTIGATION: "conduct",
    CaseKind.HARASSMENT_DISCRIMINATION: "harassment", CaseKind.CAPABILITY: "performance",
    CaseKind.APPEAL: "other", CaseKind.MEDIATION: "bullying", CaseKind.TERMINATION: "other",
    CaseKind.CLAIM: "other", CaseKind.WHISTLEBLOWING: "whistleblowing", CaseKind.EAP_REFERRAL: "health",
}
MEETINGS_FOR_KIND = {
    CaseKind.GRIEVANCE: ["grievance_meeting"],
    CaseKind.DISCIPLINARY: ["investigation_interview", "disciplinary_hearing"],
    CaseKind.HARASSMENT_DISCRIMINATION: ["investigation_interview", "investigation_interview",
                                         "grievance_meeting"],
    CaseKind.INVESTIGATION: ["investigation_interview", "investigation_interview"],
    CaseKind.CAPABILITY: ["disciplinary_hearing"],
    CaseKind.APPEAL: ["appeal_hearing"],
    CaseKind.MEDIATION: ["mediation_session", "mediation_session"],
    CaseKind.TERMINATION: ["disciplinary_hearing"],
    CaseKind.WHISTLEBLOWING: ["investigation_interview"],
    CaseKind.CLAIM: [],
    CaseKind.EAP_REFERRAL: [],
}
ALLEGATION_KINDS = {CaseKind.GRIEVANCE, CaseKind.DISCIPLINARY, CaseKind.INVESTIGATION,
                    CaseKind.HARASSMENT_DISCRIMINATION, CaseKind.WHISTLEBLOWING, CaseKind.CAPABILITY}
INVESTIGATED_KINDS = {CaseKind.DISCIPLINARY, CaseKind.INVESTIGATION, CaseKind.HARASSMENT_DISCRIMINATION,
                      CaseKind.WHISTLEBLOWING, CaseKind.GRIEVANCE}
SANCTIONS = ["no_action", "informal_action", "verbal_warning", "first_written_warning",
             "final_written_warning", "dismissal_with_notice", "summary_dismissal"]
DEADLINE_KEYS = [
    ("acknowledge", "Acknowledge the concern in writing"), ("investigation_target", "Investigation complete"),
    ("hearing_notice", "Send the hearing invitation"), ("outcome_letter", "Send the outcome letter"),
    ("appeal_window", "Appeal window closes"), ("limitation", "Limitation period for a claim"),
]
NOTE_TEMPLATES = [
    "Spoke with {name} by phone; follow-up agreed.", "Checked the rota records for the period.",
    "Occupational health report requested.", "Union representative confirmed for the next meeting.",
    "Statement received and filed.", "Manager asked for an update; told the case is in progress.",
    "Reviewed the policy in force at the time.", "Adjustments discussed for the next meeting.",
    "Further witness identified by {name}.", "Case file reviewed by the ER lead.",
]
DOC_TITLES = [("statement", "Witness statement"), ("evidence", "Email extract"), ("evidence", "Rota export"),
              ("minutes", "Meeting notes"), ("report", "Investigation report"), ("evidence", "CCTV log"),
              ("letter", "Invitation letter"), ("other", "Occupational health report")]
CONTENT_TYPES = [("application/pdf", "pdf"), ("application/pdf", "pdf"), ("image/png", "png"),
                 ("text/plain", "txt"),
                 ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")]
