"""The records Gongshi understands, as pydantic models with Chinese field help."""

from generator.models.config import SiteConfig
from generator.models.ledger import BalanceCheck, Entry, Ledger
from generator.models.matter import Decision, Matter, Publicity, Tally, Vote
from generator.models.organization import Member, Organization
from generator.models.schedule import Schedule, Shift

__all__ = [
    "BalanceCheck",
    "Decision",
    "Entry",
    "Ledger",
    "Matter",
    "Member",
    "Organization",
    "Publicity",
    "Schedule",
    "Shift",
    "SiteConfig",
    "Tally",
    "Vote",
]
