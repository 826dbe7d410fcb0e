"""schemathesis hooks for the admin API.

Fixtures: a request that names another entity (settingIds, keyIds, policyId, a custom provider, an upstream
url) names the one scripts/schemathesis.sh seeded, so valid requests reach the API's logic instead of a
"not found". Rules: valid requests that break a rule JSON Schema cannot state (start before end, one window
per unit, ...) are left out of the positive cases; the API answers each with a 400 naming the field, which
the integration tests check.
"""

import os
import re

import schemathesis
from schemathesis.core.parameters import ParameterLocation

FIXTURES = {name: os.environ[name] for name in os.environ if name.startswith("FIXTURE_")}
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
BUILT_IN = {"openai", "azure", "anthropic", "vllm", "deepinfra"}
HTTP_URL = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+(/[^\s]*)?$")


def _uuid_to(value, fixture):
    return fixture if isinstance(value, str) and UUID.match(value) else value


def _references(body):
    """uuid → uuid keeps a case valid or invalid as it was generated."""
    for field, fixture in (("settingIds", "FIXTURE_SETTING_ID"), ("keyIds", "FIXTURE_KEY_ID")):
        if isinstance(body.get(field), list):
            body[field] = [_uuid_to(v, FIXTURES[fixture]) for v in body[field]]
    if "settingId" in body:
        body["settingId"] = _uuid_to(body["settingId"], FIXTURES["FIXTURE_SETTING_ID"])
    if "policyId" in body:
        body["policyId"] = _uuid_to(body["policyId"], FIXTURES["FIXTURE_POLICY_ID"])


def _upstreams(body):
    """Valid cases only: a generated provider or host would not exist."""
    setting = body.get("setting")
    if isinstance(setting, dict) and isinstance(setting.get("url"), str) and HTTP_URL.match(setting["url"]):
        setting["url"] = FIXTURES["FIXTURE_URL"]
    if isinstance(body.get("provider"), str) and body["provider"] not in BUILT_IN and "setting" in body:
        body["provider"] = FIXTURES["FIXTURE_PROVIDER"]
    for route in body.get("route_configs") or []:
        if isinstance(route, dict) and isinstance(route.get("target_url"), str) and HTTP_URL.match(route["target_url"]):
            route["target_url"] = FIXTURES["FIXTURE_URL"] + "/chat"


@schemathesis.hook
def map_case(ctx, case):
    if isinstance(case.body, dict):
        _references(case.body)
        meta = case.meta
        if meta is None or not meta.is_negative_at(ParameterLocation.BODY):
            _upstreams(case.body)
    return case
