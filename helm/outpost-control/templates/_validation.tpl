{{/*
Cross-field rules values.schema.json cannot express. Each failure names the value to set and why.
Rendered first by validation.yaml so a bad value set renders nothing.
*/}}
{{- define "outpost-control.validate" -}}
{{- $v := .Values }}
{{- $errors := list }}
{{- if not $v.database.existingSecret }}
{{- $errors = append $errors "database.existingSecret is required: the Secret with the PostgreSQL JDBC URL, user and password (see deploy/k8s/README.md)." }}
{{- end }}
{{- if not $v.tls.existingSecret }}
{{- $errors = append $errors "tls.existingSecret is required: control-api serves TLS 1.3 itself from the certificate and PKCS#8 key in that Secret." }}
{{- end }}
{{- if and $v.podDisruptionBudget.enabled (ge (int $v.podDisruptionBudget.minAvailable) (int $v.replicas)) }}
{{- $errors = append $errors (printf "podDisruptionBudget.minAvailable (%d) must be lower than replicas (%d), or node drains would block forever." (int $v.podDisruptionBudget.minAvailable) (int $v.replicas)) }}
{{- end }}
{{- if and (not $v.serviceAccount.create) (not $v.serviceAccount.name) }}
{{- $errors = append $errors "serviceAccount.name is required when serviceAccount.create is false." }}
{{- end }}
{{- $sc := $v.securityContext }}
{{- if or $sc.privileged (eq (toString $sc.allowPrivilegeEscalation) "true") (eq (toString $sc.runAsNonRoot) "false") (eq (toString $v.podSecurityContext.runAsNonRoot) "false") (and $sc.capabilities $sc.capabilities.add) }}
{{- $errors = append $errors "securityContext / podSecurityContext would break the restricted Pod Security Standard (privileged, allowPrivilegeEscalation, runAsNonRoot false or added capabilities); control-api needs none of them." }}
{{- end }}
{{- if $errors }}
{{- fail (printf "\n\nInvalid values for outpost-control:\n  - %s\n" (join "\n  - " $errors)) }}
{{- end }}
{{- end }}
