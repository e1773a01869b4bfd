# shellcheck shell=bash
# LoadCredential= credentials become Spring properties, and their values stay hidden.
TITLE="LoadCredential=: credentials set spring.application.name and spring.datasource.password; values never logged, '******' in /actuator/env"
scenario() {
  local u=e2e-s47-credentials.service secret body
  CUR_UNIT=$u
  secret="e2e-S3cret-$RANDOM$RANDOM"
  sbx /bin/sh -c 'umask 077; mkdir -p /etc/e2e-s47 && printf "%s\n" "$1" >/etc/e2e-s47/db-password &&
    printf "from-credential\n" >/etc/e2e-s47/app-name' _ "$secret"
  U_EXTRA_SERVICE='LoadCredential=spring.datasource.password:/etc/e2e-s47/db-password
LoadCredential=spring.application.name:/etc/e2e-s47/app-name' \
    app_unit "$u" "$PORT" --management.endpoints.web.exposure.include=health,env --management.endpoint.env.show-values=always
  start_unit "$u"
  require_active "$u" || { finish_unit "$u"; return; }
  check "journal: the app names the properties the credentials set" journal_has "$u" \
    'systemd credentials set 2 properties \(values not shown\): spring.application.name, spring.datasource.password'
  check "journal: spring.application.name came from the credential (entries have SYSLOG_IDENTIFIER=from-credential)" \
    bash -c "'$SB' exec -- journalctl --no-pager -o cat -u '$u' SYSLOG_IDENTIFIER=from-credential | grep -q 'Started WebSampleApplication'"
  http_get "$PORT" /actuator/env/spring.datasource.password
  info "GET /actuator/env/spring.datasource.password: HTTP $HTTP_CODE $(head -c 300 <<<"$HTTP_BODY")"
  check "/actuator/env/spring.datasource.password: from systemdCredentials, value '******'" \
    grep -qE '"property":\{"source":"systemdCredentials","value":"\*\*\*\*\*\*"\}' <<<"$HTTP_BODY"
  http_get "$PORT" /actuator/env
  body="$HTTP_BODY"
  check "/actuator/env lists the systemdCredentials property source (HTTP $HTTP_CODE)" grep -q '"name":"systemdCredentials"' <<<"$body"
  check "/actuator/env shows no credential value" lacks "$body" "$secret"
  http_get "$PORT" /actuator/env/spring.application.name
  check "/actuator/env/spring.application.name: '******' too, although not a password" \
    grep -qE '"property":\{"source":"systemdCredentials","value":"\*\*\*\*\*\*"\}' <<<"$HTTP_BODY"
  check "the journal has no credential value, of this unit or any other" \
    journal_all_lacks "$secret"
  check "the credential is not in the unit's environment (systemctl show)" \
    show_lacks "$u" "$secret"
  finish_unit "$u"
  sbx rm -rf /etc/e2e-s47
}
