"""ShipCaptainCrew: crew roles, events and waivers for a charter (sample)."""
import json

import boto3

TABLE = boto3.resource("dynamodb").Table("shipcaptaincrew-events")


def lambda_handler(event, context):
    body = json.loads(event.get("body") or "{}")
    action = body.get("action")
    if action == "create_event":
        TABLE.put_item(Item={"id": body["id"], "name": body.get("name", "")})
        return {"statusCode": 200, "body": json.dumps({"ok": True})}
    if action == "list_events":
        items = TABLE.scan().get("Items", [])
        return {"statusCode": 200, "body": json.dumps(items)}
    return {"statusCode": 400, "body": json.dumps({"error": "unknown action"})}
