"""API fuzzing: schemathesis generates requests from our OpenAPI document (valid and invalid
bodies, parameters and types) and checks that none of them makes the server answer 5xx — bad
input is always a clear 4xx. Runs last because it creates data through the API."""

import pathlib
import subprocess

from conftest import create_token

ST = pathlib.Path(__file__).resolve().parent / ".venv" / "bin" / "st"


def test_no_server_error_for_generated_requests(base_url, demo_password):
    token = create_token(base_url, "admin", demo_password)
    result = subprocess.run(
        [
            str(ST), "run", f"{base_url}/api/openapi.yaml", "--url", base_url,
            "-H", f"Authorization: Bearer {token}",
            "--checks", "not_a_server_error",
            "--max-examples", "15",
            "--seed", "20261123",
            "--no-color",
        ],
        capture_output=True, text=True, timeout=600,
    )
    tail = "\n".join(result.stdout.splitlines()[-40:])
    assert result.returncode == 0, f"schemathesis found server errors:\n{tail}\n{result.stderr[-2000:]}"
