{{/*
Names. Kubernetes names and label values are at most 63 characters: every helper truncates and trims a trailing "-".
*/}}
{{- define "outpost-control.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "outpost-control.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "outpost-control.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "outpost-control.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: outpost
{{- end }}

{{- define "outpost-control.selectorLabels" -}}
app.kubernetes.io/name: {{ include "outpost-control.name" . }}
app.kubernetes.io/instance: {{ .Release.Name | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/component: control-api
{{- end }}

{{- define "outpost-control.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "outpost-control.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* <registry>/<repositoryPrefix>/control-api:<tag>, the same layout as the outpost-edge chart's images. */}}
{{- define "outpost-control.image" -}}
{{- $img := .Values.image }}
{{- $repo := printf "%s/control-api" (trimSuffix "/" $img.repositoryPrefix) | trimPrefix "/" }}
{{- if $img.registry }}
{{- printf "%s/%s:%s" (trimSuffix "/" $img.registry) $repo (default .Chart.AppVersion $img.tag) }}
{{- else }}
{{- printf "%s:%s" $repo (default .Chart.AppVersion $img.tag) }}
{{- end }}
{{- end }}
