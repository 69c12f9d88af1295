"""Serves a folder as an S3 bucket on loopback, for the PMCSource tests.

Usage: s3_server.py BUCKET PREFIX=FOLDER [PREFIX=FOLDER ...]

Starts moto's S3 server on 127.0.0.1 at a free port, creates BUCKET with a public-read policy,
uploads every file under each FOLDER as its PREFIX + the file's relative path, prints the endpoint URL on one line,
then serves until its standard input closes. Only the loopback address is ever contacted.
"""

import json
import os
import sys

import boto3
from moto.server import ThreadedMotoServer


def main() -> None:
    bucket = sys.argv[1]
    uploads = [argument.split("=", 1) for argument in sys.argv[2:]]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    # Explicit dummy credentials and region: boto3 must never look further (no instance metadata lookups).
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=bucket)
    policy = {
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": "*",
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
        }],
    }
    client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
    for prefix, folder in uploads:
        for directory, _, files in os.walk(folder):
            for name in files:
                path = os.path.join(directory, name)
                key = prefix + os.path.relpath(path, folder).replace(os.sep, "/")
                client.upload_file(path, bucket, key)
    print(endpoint, flush=True)
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    main()
