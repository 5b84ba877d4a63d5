{{/*
Cross-field rules values.schema.json cannot express. Each failure names the value to set and why.
Rendered first by validation.yaml so a bad value set renders nothing.
*/}}
{{- define "outpost-edge.validate" -}}
{{- $v := .Values }}
{{- $errors := list }}
{{- if not $v.controlPlane.endpoint }}
{{- $errors = append $errors "controlPlane.endpoint is required: control-api's host name, where plane-manager opens the EdgeLink stream." }}
{{- end }}
{{- if not $v.edge.id }}
{{- $errors = append $errors "edge.id is required: the edge's id from POST /api/v1/edges (control-api's generated values file has it)." }}
{{- end }}
{{- if and (not $v.edge.token) (not $v.edge.existingSecret) }}
{{- $errors = append $errors "edge.token or edge.existingSecret is required: plane-manager authenticates to control-api with the edge token." }}
{{- end }}
{{- if and $v.edge.token $v.edge.existingSecret }}
{{- $errors = append $errors "set only one of edge.token and edge.existingSecret: with existingSecret the chart creates no token Secret." }}
{{- end }}
{{- if not (has $v.tier (list "S" "M" "L")) }}
{{- $errors = append $errors (printf "tier must be S, M or L (got %q)." (toString $v.tier)) }}
{{- end }}
{{- if not $v.aws.region }}
{{- $errors = append $errors "aws.region is required: the region of the queues, the results bucket and the KMS key." }}
{{- end }}
{{- if not $v.buckets.results }}
{{- $errors = append $errors "buckets.results is required: the bucket where the compute plane stores encrypted results." }}
{{- end }}
{{- $kms := $v.keyProvider.kms.keyId }}
{{- $local := $v.keyProvider.localKey.existingSecret }}
{{- if and $kms $local }}
{{- $errors = append $errors "set only one key provider: keyProvider.kms.keyId or keyProvider.localKey.existingSecret, not both." }}
{{- else if not (or $kms $local) }}
{{- $errors = append $errors "a key provider is required: set keyProvider.kms.keyId (AWS KMS) or keyProvider.localKey.existingSecret (a Secret with the key file)." }}
{{- end }}
{{- if $v.customDrivers.enabled }}
{{- if not $v.customDrivers.source }}
{{- $errors = append $errors "customDrivers.enabled requires customDrivers.source: the https:// or s3:// URL of the drivers zip." }}
{{- end }}
{{- if not (regexMatch "^[0-9a-f]{64}$" $v.customDrivers.sha256) }}
{{- $errors = append $errors (printf "customDrivers.sha256 must be the 64-character lower-case hex SHA-256 of the drivers zip (got %q); nothing is loaded from an unverified zip." $v.customDrivers.sha256) }}
{{- end }}
{{- end }}
{{- if and $v.openTelemetry.enabled (not $v.openTelemetry.endpoint) }}
{{- $errors = append $errors "openTelemetry.enabled requires openTelemetry.endpoint (an OTLP endpoint)." }}
{{- end }}
{{- if and $v.podDisruptionBudget.enabled (ge (int $v.podDisruptionBudget.minAvailable) (int $v.replicas.planeManager)) }}
{{- $errors = append $errors (printf "podDisruptionBudget.minAvailable (%d) must be lower than replicas.planeManager (%d), or node drains would block forever." (int $v.podDisruptionBudget.minAvailable) (int $v.replicas.planeManager)) }}
{{- end }}
{{- if and (not $v.serviceAccount.create) (not $v.serviceAccount.name) }}
{{- $errors = append $errors "serviceAccount.name is required when serviceAccount.create is false." }}
{{- end }}
{{- if and $v.proxy.httpsProxy (not (regexMatch "^https?://[^/:]+(:[0-9]+)?/?$" $v.proxy.httpsProxy)) }}
{{- $errors = append $errors (printf "proxy.httpsProxy must look like http://host:port (got %q)." $v.proxy.httpsProxy) }}
{{- end }}
{{- $sc := $v.securityContext }}
{{- if or $sc.privileged (eq (toString $sc.allowPrivilegeEscalation) "true") (eq (toString $sc.runAsNonRoot) "false") (eq (toString $v.podSecurityContext.runAsNonRoot) "false") (and $sc.capabilities $sc.capabilities.add) }}
{{- $errors = append $errors "securityContext / podSecurityContext would break the restricted Pod Security Standard (privileged, allowPrivilegeEscalation, runAsNonRoot false or added capabilities); Outpost needs none of them." }}
{{- end }}
{{- if $errors }}
{{- fail (printf "\n\nInvalid values for outpost-edge:\n  - %s\n" (join "\n  - " $errors)) }}
{{- end }}
{{- end }}
