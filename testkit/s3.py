"""A local S3-compatible server for the storage tests: moto's standalone server.

``moto[server]`` (a development dependency) answers the S3 API on a free
port of this machine, keeping objects in its own memory; nothing reaches
the internet. The tests make the public and private buckets, point the
platform's storages at them (``ruta.common.files.storageurls``) and stop the
server when they are done.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3

from ruta.common.files.storageurls import file_storages
from testkit.nginx import free_port

PUBLIC_BUCKET = "ruta-publico"
PRIVATE_BUCKET = "ruta-privado"
# moto takes any credentials; the platform reads them as boto3 does, from
# the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "ruta-pruebas",
    "AWS_SECRET_ACCESS_KEY": "ruta-pruebas-secreto",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def public_read_policy(bucket: str) -> str:
    """Return the policy that lets anyone read the objects of ``bucket``.

    The public bucket's own policy (docs/deploy.md): the platform sets no
    ACL on what it writes, so a bucket without it publishes nothing.
    """
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicRead",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{bucket}/*",
                }
            ],
        }
    )


@dataclass(frozen=True)
class S3Server:
    """Where the local server answers, and the URLs naming its two buckets."""

    endpoint: str

    @property
    def public_url(self) -> str:
        return f"s3://{PUBLIC_BUCKET}?endpoint={self.endpoint}"

    @property
    def private_url(self) -> str:
        return f"s3://{PRIVATE_BUCKET}?endpoint={self.endpoint}"

    def storages(self, staticfiles: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """Return ``STORAGES`` with every file in this server's buckets."""
        found = file_storages(
            self.public_url,
            self.private_url,
            private_root=Path("/nonexistent"),
            import_dir=Path("/nonexistent"),
        )
        return {**found, "staticfiles": staticfiles}

    def client(self) -> Any:
        """Return a boto3 client of this server (to look into the buckets)."""
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            region_name=CREDENTIALS["AWS_DEFAULT_REGION"],
        )

    def empty(self) -> None:
        """Delete every object of both buckets (between tests)."""
        client = self.client()
        for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
            for key in self.keys(bucket):
                client.delete_object(Bucket=bucket, Key=key)

    def keys(self, bucket: str) -> list[str]:
        """Return the names of every object in ``bucket``."""
        listed = self.client().list_objects_v2(Bucket=bucket)
        return [item["Key"] for item in listed.get("Contents", [])]


@contextmanager
def s3_server(folder: Path) -> Iterator[S3Server]:
    """Run moto's server with both buckets made until the block ends.

    Its output goes to ``folder``/moto.log.
    """
    port = free_port()
    log = (folder / "moto.log").open("wb")
    process = subprocess.Popen(  # noqa: S603 - moto's own server, fixed arguments
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(port, process)
        server = S3Server(f"http://127.0.0.1:{port}")
        client = server.client()
        for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
            client.create_bucket(Bucket=bucket)
        client.put_bucket_policy(
            Bucket=PUBLIC_BUCKET, Policy=public_read_policy(PUBLIC_BUCKET)
        )
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("moto's server stopped; see moto.log")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("moto's server did not listen within 60 s")
