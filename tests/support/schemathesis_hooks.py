# Checks schemathesis runs beside its own when it fuzzes the API with one role's key (see
# tests/e2e/api-fuzz.e2e.test.ts): authorization, not only validation. Each operation in the
# OpenAPI document names its roles (x-roles); the role and the key's scope come from the
# environment of the run (TF_FUZZ_ROLE, TF_FUZZ_BANKS).
import json
import os

import schemathesis

ROLE = os.environ.get("TF_FUZZ_ROLE", "")
BANKS = set(filter(None, os.environ.get("TF_FUZZ_BANKS", "").split(",")))


def _roles(case):
    return case.operation.definition.raw.get("x-roles")


def _json(response):
    try:
        return json.loads(response.content or b"null")
    except ValueError:
        return None


@schemathesis.check
def role_is_enforced(ctx, response, case):
    """A role an operation does not list never succeeds; a role it lists is never refused for its role."""
    roles = _roles(case)
    if not ROLE or not isinstance(roles, list):
        return None
    body = _json(response)
    if ROLE not in roles:
        if 200 <= response.status_code < 300:
            raise AssertionError(f"role {ROLE} got {response.status_code} from an operation for {', '.join(roles)}")
    elif response.status_code == 403 and isinstance(body, dict):
        # The route's guard names the operation's roles; a workflow step's own refusal ("may not
        # approve at department-review (allowed: department)") names the step's, and is not this.
        message = str(body.get("message", ""))
        if message.startswith(f"role {ROLE} may not ") and message.endswith(f"(allowed: {', '.join(roles)})"):
            raise AssertionError(f"role {ROLE} is listed ({', '.join(roles)}) yet was refused: {message}")
    return None


@schemathesis.check
def scope_is_kept(ctx, response, case):
    """A bank key's answers name its own banks only; a licensee's show licences only, never a review."""
    if not (200 <= response.status_code < 300):
        return None
    body = _json(response)
    if ROLE == "bank" and isinstance(body, dict):
        items = body.get("items") if isinstance(body.get("items"), list) else [body]
        for item in items:
            bank = item.get("bankId") if isinstance(item, dict) else None
            if bank is not None and bank not in BANKS:
                raise AssertionError(f"the bank key (banks {sorted(BANKS)}) was answered with bank {bank}")
    if ROLE == "licensee" and "linkedReviews" in (response.content or b"").decode("utf-8", "replace"):
        raise AssertionError("a licensee was shown linkedReviews")
    if ROLE == "licensee" and isinstance(body, dict) and body.get("kind") not in (None, "deferred-licence"):
        raise AssertionError(f"a licensee was shown a {body.get('kind')} case")
    return None
