"""Writes of rankings and reward/punishment decisions (one import point for views, API, demo, tasks).

The services live in split modules and are re-exported here:

* :mod:`rewards.services_rankings`: ``weights_save``, ``snapshot_freeze`` (+ ``snapshot_hash``,
  ``snapshot_intact``, ``snapshot_to_rules_input``), ``rules_install_defaults``, ``rule_save``,
  ``rule_toggle``, ``rule_delete``;
* :mod:`rewards.services_runs`: ``rule_run_request``, ``rule_run_execute``, ``rule_runs_sweep``;
* :mod:`rewards.services_proposals`: ``proposal_accept``, ``proposal_change``, ``proposal_reject``;
* :mod:`rewards.services_decisions`: ``decision_issue``, ``decision_respond``, ``decision_revoke``.

Reads used alongside (``weights_for``, ``live_rankings``, ``build_rankings``) come from
:mod:`rewards.selectors` and are re-exported for convenience. Metric gathering: :mod:`rewards.metrics`.
"""

from rewards.metrics import unit_metrics
from rewards.selectors import build_rankings, live_rankings, weights_for
from rewards.services_decisions import (
    add_months,
    decision_issue,
    decision_respond,
    decision_revoke,
    response_open,
)
from rewards.services_proposals import proposal_accept, proposal_change, proposal_reject
from rewards.services_rankings import (
    rule_delete,
    rule_save,
    rule_toggle,
    rules_install_defaults,
    snapshot_freeze,
    snapshot_hash,
    snapshot_intact,
    snapshot_to_rules_input,
    snapshot_units,
    weights_save,
)
from rewards.services_runs import rule_run_execute, rule_run_request, rule_runs_sweep

__all__ = [
    "add_months",
    "build_rankings",
    "decision_issue",
    "decision_respond",
    "decision_revoke",
    "live_rankings",
    "proposal_accept",
    "proposal_change",
    "proposal_reject",
    "response_open",
    "rule_delete",
    "rule_run_execute",
    "rule_run_request",
    "rule_runs_sweep",
    "rule_save",
    "rule_toggle",
    "rules_install_defaults",
    "snapshot_freeze",
    "snapshot_hash",
    "snapshot_intact",
    "snapshot_to_rules_input",
    "snapshot_units",
    "unit_metrics",
    "weights_for",
    "weights_save",
]
