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
    # A route's steps use providers the fixture key has settings for (openai, azure).
    for step in body.get("steps") or []:
        if isinstance(step, dict) and step.get("provider") not in ("openai", "azure"):
            step["provider"] = "openai"
    for route in body.get("route_configs") or []:
        if isinstance(route, dict) and isinstance(route.get("target_url"), str) and HTTP_URL.match(route["target_url"]):
            route["target_url"] = FIXTURES["FIXTURE_URL"] + "/chat"


def _setting_update(body):
    """A setting's update merges into what is stored: keep the parameters every provider takes, and send the
    key again with a new destination, as the API requires."""
    setting = body.get("setting")
    if not isinstance(setting, dict):
        return
    for name in list(setting):
        if name not in ("apikey", "url", "resourceName"):
            del setting[name]
    if "url" in setting or "resourceName" in setting:
        setting["apikey"] = "sk-fuzz"


@schemathesis.hook
def map_case(ctx, case):
    if isinstance(case.body, dict):
        _references(case.body)
        meta = case.meta
        if meta is None or not meta.is_negative_at(ParameterLocation.BODY):
            _upstreams(case.body)
            if case.method.upper() == "PATCH" and case.path == "/api/provider-settings/{id}":
                _setting_update(case.body)
    return case


# Rules JSON Schema cannot state. Each returns True when a case keeps it.
GO_DURATION = re.compile(r"^\+?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$")
GO_UNIT_MS = {"ns": 1e-6, "us": 1e-3, "µs": 1e-3, "μs": 1e-3, "ms": 1, "s": 1e3, "m": 6e4, "h": 3.6e6}


def _positive_duration(text):
    if not isinstance(text, str) or not GO_DURATION.match(text):
        return False
    parts = re.findall(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)", text)
    total = sum(float(n) * GO_UNIT_MS[u] for n, u in parts)
    return 0 < total < float("inf")


def _duration_ms(text):
    return sum(float(n) * GO_UNIT_MS[u] for n, u in re.findall(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)", text))


def _one_window_per_unit(body):
    def units(windows, single_amount, single_unit):
        found = [w.get("unit") for w in body.get(windows) or [] if isinstance(w, dict)]
        if single_amount and body.get(single_amount):
            found.append(body.get(single_unit))
        return len(found) == len(set(map(str, found)))

    return (
        units("rateLimits", "rateLimitOverTime", "rateLimitUnit")
        and units("costLimits", "costLimitInUsdOverTime", "costLimitInUsdUnit")
        and units("tokenLimits", None, None)
    )


def _start_before_end(values):
    start, end = values.get("start"), values.get("end")
    try:
        return start is None or end is None or int(start) < int(end)
    except (TypeError, ValueError):
        return True


def _body_rules(path, body):
    if "ttl" in body and body["ttl"] != "" and not _positive_duration(body["ttl"]):
        return False
    if not _one_window_per_unit(body):
        return False
    if not _start_before_end(body):
        return False
    if path == "/api/reporting/events" and isinstance(body.get("increment"), int) and body["increment"] > 0:
        if isinstance(body.get("start"), int) and isinstance(body.get("end"), int):
            return (body["end"] - body["start"]) / body["increment"] <= 100_000
    for rule in (body.get("regexConfig") or {}).get("rules") or []:
        if isinstance(rule, dict) and isinstance(rule.get("definition"), str) and not _js_compatible_regex(rule["definition"]):
            return False
    for step in body.get("steps") or []:
        if isinstance(step, dict) and not all(
            _positive_duration(step[name]) for name in ("retryInterval", "timeout") if name in step
        ):
            return False
    cache_ttl = (body.get("cacheConfig") or {}).get("ttl") if isinstance(body.get("cacheConfig"), dict) else None
    if cache_ttl is not None and not (_positive_duration(cache_ttl) and _duration_ms(cache_ttl) <= 720 * 3.6e6):
        return False
    configs = body.get("route_configs")
    if isinstance(configs, list):
        paths = [c.get("path") for c in configs if isinstance(c, dict)]
        if len(paths) != len(set(map(str, paths))):
            return False
    if isinstance(body.get("provider"), str) and path == "/api/custom/providers":
        return body["provider"].lower() not in BUILT_IN
    return True


def _js_compatible_regex(pattern):
    # The API compiles with JavaScript's RegExp; Python's re is close enough to keep only patterns both read.
    if re.search(r"\(\?P|\(\?#|\\[AZz]|\(\?[aiLmsux]", pattern):
        return False
    try:
        re.compile(pattern)
        return True
    except re.error:
        return False


def _query_list(value):
    values = value if isinstance(value, list) else [value]
    return [v.strip() for item in values if isinstance(item, str) for v in item.split(",") if v.strip()]


def _query_rules(method, path, query):
    if not _start_before_end(query):
        return False
    if path == "/api/v2/events" and query.get("costOrder") and query.get("dateOrder"):
        return False
    if method == "GET" and path == "/api/key-management/keys":
        return bool(query.get("tag") or _query_list(query.get("tags")) or _query_list(query.get("keyIds")) or query.get("provider"))
    if method == "GET" and path == "/api/users":
        return any(_query_list(query.get(name)) for name in ("tags", "keyIds", "userIds"))
    if method == "GET" and path == "/api/events":
        keys = _query_list(query.get("keyIds"))
        if not (query.get("customId") or query.get("userId") or keys):
            return False
        return not keys or ("start" in query and "end" in query)
    return True


@schemathesis.hook
def filter_case(ctx, case):
    meta = case.meta
    if isinstance(case.body, dict) and (meta is None or not meta.is_negative_at(ParameterLocation.BODY)):
        if not _body_rules(case.path, case.body):
            return False
    if meta is None or not meta.is_negative_at(ParameterLocation.QUERY):
        return _query_rules(case.method.upper(), case.path, case.query or {})
    return True
