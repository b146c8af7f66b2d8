"""Deploys the studio's static sites to S3 (sample with a planted FAKE key).

The key below is AWS's documented example key, not a real credential: it is
here so the CTO report has a hard-coded secret to find and mask.
"""
import boto3

AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
AWS_SECRET = "FAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKEfake"


def deploy(bucket, path):
    s3 = boto3.client("s3", aws_access_key_id=AWS_ACCESS_KEY_ID,
                      aws_secret_access_key=AWS_SECRET)
    s3.upload_file(path, bucket, path)
