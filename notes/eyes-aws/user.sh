# eyes-aws: source me. `newuser NAME` makes /tmp/eyes-aws/NAME (HOME, XDG_STATE_HOME,
# a copy of examples/portfolio with repos.env from repos.env.example, no key);
# `as_user NAME cmd...` runs cmd in that user's clean environment (only loopback
# endpoints stand in for AWS's; AWS_* extra vars via EXTRA="K=V K=V").
WT=/work/wt-eyes-aws
B=$WT/build/briefing
. /tmp/eyes-aws/peers.env
newuser() {
  local u=/tmp/eyes-aws/$1
  rm -rf "$u"; mkdir -p "$u/home/.aws" "$u/state"
  cp -r $WT/examples/portfolio "$u/portfolio"
  cp "$u/portfolio/repos.env.example" "$u/portfolio/repos.env"; chmod 600 "$u/portfolio/repos.env"
}
as_user() {
  local u=/tmp/eyes-aws/$1; shift
  env -i AWS_EC2_METADATA_DISABLED=true PATH=/usr/bin:/bin TERM=xterm LANG=C.UTF-8 HOME="$u/home" XDG_STATE_HOME="$u/state" \
      AWS_ENDPOINT_URL_SES="$SES" $EXTRA "$@"
}
# `answer NAME REPLY cmd...`: as_user in a terminal (script(1)), typing REPLY when asked.
answer() {
  local name=$1 reply=$2; shift 2
  local cmd; printf -v cmd '%q ' "$@"
  (sleep 4; printf '%s\n' "$reply") | script -qec "bash -c '. $WT/notes/eyes-aws/user.sh; EXTRA=\"$EXTRA\" as_user $name $cmd'" /dev/null
}
# `secrets NAME`: greps that user's outputs (*.out), state and home (except ~/.aws) for every made-up secret.
secrets() {
  local u=/tmp/eyes-aws/$1 found=0 s
  for s in "$ISSUED_SECRET" "${ISSUED_TOKEN:0:30}" "$PROCESS_SECRET" "$PROCESS_TOKEN" "$SSO_TOKEN" \
           "$SOURCE_SECRET" eyesClientSecretEXAMPLE eyesRefreshTokenEXAMPLE eyesWebIdentityJWT; do
    if grep -ral --exclude-dir=.aws -- "$s" $u/*.out $u/state $u/home 2>/dev/null; then found=1; echo "  ^ holds ${s:0:12}..."; fi
  done
  for s in "$ISSUED_KEY" "$PROCESS_KEY" "$SOURCE_KEY"; do
    grep -ral --exclude-dir=.aws -- "$s" $u/*.out $u/state $u/home 2>/dev/null | sed "s|^|  access key id ${s} in |"
  done
  [ $found = 0 ] && echo "no secret in $u outputs, state or home (outside ~/.aws)"
}
# `ssocache NAME KEY EXPIRES [TOKEN]`: the token cache file `aws sso login` writes, named sha1(KEY).
ssocache() {
  local H=/tmp/eyes-aws/$1/home; mkdir -p $H/.aws/sso/cache
  /usr/bin/python3 - "$H" "$2" "$3" "${4:-$SSO_TOKEN}" <<'PY'
import hashlib, json, sys, datetime
home, key, expires, token = sys.argv[1:]
now = datetime.datetime.now(datetime.timezone.utc)
fmt = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
tok = {"startUrl": "https://my-sso-portal.awsapps.com/start", "region": "us-east-1",
       "accessToken": token, "expiresAt": expires,
       "clientId": "eyesClientIdEXAMPLE", "clientSecret": "eyesClientSecretEXAMPLE",
       "registrationExpiresAt": fmt(now + datetime.timedelta(days=90)),
       "refreshToken": "eyesRefreshTokenEXAMPLE"}
p = f"{home}/.aws/sso/cache/" + hashlib.sha1(key.encode()).hexdigest() + ".json"
open(p, "w").write(json.dumps(tok))
PY
}
utc() { date -u -d "$1" +"${2:-%Y-%m-%dT%H:%M:%SZ}"; }
