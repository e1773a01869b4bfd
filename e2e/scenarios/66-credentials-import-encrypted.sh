# shellcheck shell=bash
# ImportCredential= (systemd 254+) and LoadCredentialEncrypted= (systemd-creds, host key)
# reach Spring properties through the same property source as LoadCredential= (47).
TITLE="ImportCredential= (254+) from /etc/credstore and LoadCredentialEncrypted= (systemd-creds --with-key=host) become properties; 252 ignores ImportCredential="
# s66_env PROPERTY : /actuator/env/PROPERTY (show-values=always) answers the credentials'
# property source and a sanitized value, as for LoadCredential= (47)
s66_env() {
  http_get "$PORT" "/actuator/env/$1"
  info "GET /actuator/env/$1: HTTP $HTTP_CODE $(head -c 300 <<<"$HTTP_BODY")"
  check "/actuator/env/$1: from systemdCredentials, value '******'" \
    grep -qE '"property":\{"source":"systemdCredentials","value":"\*\*\*\*\*\*"\}' <<<"$HTTP_BODY"
}
scenario() {
  local u=e2e-s66-credentials-more.service secret1 secret2 names
  CUR_UNIT=$u
  secret1="e2e-imported-$RANDOM$RANDOM"
  secret2="e2e-encrypted-$RANDOM$RANDOM"
  sbx /bin/sh -c 'umask 077; mkdir -p /etc/credstore /etc/e2e-s66 &&
    printf "%s" "$1" >/etc/credstore/e2e.s66.imported &&
    printf "%s" "$2" | systemd-creds encrypt --with-key=host --name=e2e.s66.encrypted - /etc/e2e-s66/encrypted.cred' \
    _ "$secret1" "$secret2" 2>&1 | head -3
  check "systemd-creds encrypt --with-key=host wrote /etc/e2e-s66/encrypted.cred" sbx test -s /etc/e2e-s66/encrypted.cred
  U_EXTRA_SERVICE='ImportCredential=e2e.s66.*
LoadCredentialEncrypted=e2e.s66.encrypted:/etc/e2e-s66/encrypted.cred' app_unit "$u" "$PORT" \
    --management.endpoints.web.exposure.include=health,env --management.endpoint.env.show-values=always
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; sbx rm -rf /etc/credstore/e2e.s66.imported /etc/e2e-s66; return; }
  names="$(journal_lines "$u" 'systemd credentials set' | head -1)"
  info "journal: $names"
  check "LoadCredentialEncrypted=: decrypted by systemd $SD_VERSION, the property e2e.s66.encrypted is set" \
    grep -q 'e2e\.s66\.encrypted' <<<"$names"
  s66_env e2e.s66.encrypted
  if systemd_at_least 254; then
    check "ImportCredential=: systemd $SD_VERSION imports /etc/credstore/e2e.s66.imported as a property" \
      grep -q 'e2e\.s66\.imported' <<<"$names"
    s66_env e2e.s66.imported
  else
    check "journal: systemd $SD_VERSION ignores ImportCredential=" journal_has "$u" "Unknown key 'ImportCredential'"
    check "ImportCredential= under $SD_VERSION: no e2e.s66.imported property" lacks "$names" e2e.s66.imported
    http_get "$PORT" /actuator/env/e2e.s66.imported
    check "/actuator/env/e2e.s66.imported: no such property (HTTP $HTTP_CODE)" test "$HTTP_CODE" = 404
  fi
  http_get "$PORT" /actuator/env
  check "/actuator/env answered (HTTP $HTTP_CODE)" test "$HTTP_CODE" = 200
  check "/actuator/env shows neither secret" lacks "$HTTP_BODY" "$secret1" "$secret2"
  check "the journal has neither secret" \
    journal_all_lacks "$secret1" "$secret2"
  finish_unit "$u"
  sbx rm -rf /etc/credstore/e2e.s66.imported /etc/e2e-s66
}
