"""The records Gongshi understands, as pydantic models with Chinese field help."""

from generator.models.config import SiteConfig
from generator.models.ledger import BalanceCheck, Entry, Ledger
from generator.models.matter import Decision, Matter, Publicity, Tally, Vote
from generator.models.organization import Member, Organization
from generator.models.pilot import MediationCases, PartyMembers, Pilot, PilotStep, ServiceStation
from generator.models.schedule import Schedule, Shift
from generator.models.survey import Option, Question, Survey

__all__ = [
    "BalanceCheck",
    "Decision",
    "Entry",
    "Ledger",
    "Matter",
    "MediationCases",
    "Member",
    "Option",
    "Organization",
    "PartyMembers",
    "Pilot",
    "PilotStep",
    "Publicity",
    "Question",
    "Schedule",
    "ServiceStation",
    "Shift",
    "SiteConfig",
    "Survey",
    "Tally",
    "Vote",
]
