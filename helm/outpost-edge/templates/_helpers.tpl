{{/*
Names. Kubernetes names and label values are at most 63 characters: every helper truncates and trims a trailing "-".
*/}}
{{- define "outpost-edge.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "outpost-edge.fullname" -}}
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

{{/* Name of a component's objects: "<fullname>-<component>", truncated to 63. Call with (list $ "plane-manager"). */}}
{{- define "outpost-edge.componentName" -}}
{{- $root := index . 0 }}
{{- printf "%s-%s" (include "outpost-edge.fullname" $root | trunc (int (sub 62 (len (index . 1))))) (index . 1) | trimSuffix "-" }}
{{- end }}

{{- define "outpost-edge.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "outpost-edge.labels" -}}
helm.sh/chart: {{ include "outpost-edge.chart" . }}
{{ include "outpost-edge.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: outpost
{{- end }}

{{- define "outpost-edge.selectorLabels" -}}
app.kubernetes.io/name: {{ include "outpost-edge.name" . }}
app.kubernetes.io/instance: {{ .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of one component. Call with (list $ "plane-manager"). */}}
{{- define "outpost-edge.componentLabels" -}}
{{ include "outpost-edge.labels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{- define "outpost-edge.componentSelectorLabels" -}}
{{ include "outpost-edge.selectorLabels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{- define "outpost-edge.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "outpost-edge.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "outpost-edge.tokenSecretName" -}}
{{- if .Values.edge.existingSecret }}
{{- .Values.edge.existingSecret }}
{{- else }}
{{- include "outpost-edge.componentName" (list . "edge-token") }}
{{- end }}
{{- end }}

{{- define "outpost-edge.tokenSecretKey" -}}
{{- if .Values.edge.existingSecret }}{{ .Values.edge.existingSecretKey }}{{ else }}token{{ end }}
{{- end }}

{{- define "outpost-edge.jobTemplateName" -}}
{{- include "outpost-edge.componentName" (list . "job-template") }}
{{- end }}

{{- define "outpost-edge.caConfigMapName" -}}
{{- include "outpost-edge.componentName" (list . "ca") }}
{{- end }}

{{- define "outpost-edge.hasCa" -}}
{{- if or .Values.controlPlane.caBundle .Values.proxy.extraCaCertificates }}true{{ end }}
{{- end }}

{{/* Image of a component: <registry>/<repositoryPrefix>/<component>:<tag>. Call with (list $ "plane-manager"). */}}
{{- define "outpost-edge.image" -}}
{{- $root := index . 0 }}
{{- $img := $root.Values.image }}
{{- $repo := printf "%s/%s" (trimSuffix "/" $img.repositoryPrefix) (index . 1) | trimPrefix "/" }}
{{- if $img.registry }}
{{- printf "%s/%s:%s" (trimSuffix "/" $img.registry) $repo (default $root.Chart.AppVersion $img.tag) }}
{{- else }}
{{- printf "%s:%s" $repo (default $root.Chart.AppVersion $img.tag) }}
{{- end }}
{{- end }}

{{/*
Tier presets. S suits a trial or a few small jobs a day, M a team's daily checks, L large files and many parallel jobs.
*/}}
{{- define "outpost-edge.tierPresets" -}}
S:
  planeManager: {requests: {cpu: 100m, memory: 256Mi}, limits: {cpu: 500m, memory: 512Mi}}
  metadataBrowser: {requests: {cpu: 100m, memory: 256Mi}, limits: {cpu: 500m, memory: 512Mi}}
  resultsReader: {requests: {cpu: 100m, memory: 256Mi}, limits: {cpu: 500m, memory: 512Mi}}
  jobRunner: {requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: "1", memory: 2Gi}}
  workspace: 10Gi
M:
  planeManager: {requests: {cpu: 200m, memory: 384Mi}, limits: {cpu: "1", memory: 768Mi}}
  metadataBrowser: {requests: {cpu: 200m, memory: 512Mi}, limits: {cpu: "1", memory: 1Gi}}
  resultsReader: {requests: {cpu: 200m, memory: 512Mi}, limits: {cpu: "1", memory: 1Gi}}
  jobRunner: {requests: {cpu: "2", memory: 4Gi}, limits: {cpu: "2", memory: 4Gi}}
  workspace: 50Gi
L:
  planeManager: {requests: {cpu: 500m, memory: 512Mi}, limits: {cpu: "2", memory: 1Gi}}
  metadataBrowser: {requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: "2", memory: 2Gi}}
  resultsReader: {requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: "2", memory: 2Gi}}
  jobRunner: {requests: {cpu: "4", memory: 16Gi}, limits: {cpu: "4", memory: 16Gi}}
  workspace: 200Gi
{{- end }}

{{/* Resources of a component: the override when given, else the tier preset. Call with (list $ "jobRunner"). */}}
{{- define "outpost-edge.resources" -}}
{{- $root := index . 0 }}
{{- $key := index . 1 }}
{{- $override := index $root.Values.resources $key }}
{{- if $override }}
{{- toYaml $override }}
{{- else }}
{{- $presets := include "outpost-edge.tierPresets" $root | fromYaml }}
{{- toYaml (index (index $presets $root.Values.tier) $key) }}
{{- end }}
{{- end }}

{{- define "outpost-edge.workspaceSize" -}}
{{- if .Values.workspace.size }}
{{- .Values.workspace.size }}
{{- else }}
{{- $presets := include "outpost-edge.tierPresets" . | fromYaml }}
{{- index (index $presets .Values.tier) "workspace" }}
{{- end }}
{{- end }}

{{/*
Settings every compute-plane container reads, as environment variables (docs/configuration.md). They live in the
ConfigMap; each container refers to them by name so `kubectl describe pod` shows what a pod is configured with.
*/}}
{{- define "outpost-edge.configData" -}}
OUTPOST_EDGE_ID: {{ .Values.edge.id | quote }}
OUTPOST_QUEUES_PREFIX: {{ .Values.queues.prefix | quote }}
OUTPOST_RESULTS_BUCKET: {{ .Values.buckets.results | quote }}
OUTPOST_RESULTS_PREFIX: {{ .Values.buckets.resultsPrefix | quote }}
QUARKUS_SQS_AWS_REGION: {{ .Values.aws.region | quote }}
QUARKUS_S3_AWS_REGION: {{ .Values.aws.region | quote }}
{{- if .Values.keyProvider.localKey.existingSecret }}
OUTPOST_KEYS_LOCAL_FILE: "/etc/outpost/keys/customer.key"
{{- end }}
{{- if .Values.keyProvider.kms.keyId }}
OUTPOST_KEYS_KMS_KEY_ID: {{ .Values.keyProvider.kms.keyId | quote }}
{{- /* A key ARN names its own region (the key may live elsewhere); an id or alias is in aws.region. Without this the
KMS client falls back to the SDK's default chain, and the chart does not set AWS_REGION. */}}
{{- $kmsArn := splitList ":" .Values.keyProvider.kms.keyId }}
{{- $kmsRegion := .Values.aws.region }}
{{- if and (hasPrefix "arn:" .Values.keyProvider.kms.keyId) (gt (len $kmsArn) 4) }}
{{- $kmsRegion = index $kmsArn 3 | default $kmsRegion }}
{{- end }}
OUTPOST_KEYS_KMS_REGION: {{ $kmsRegion | quote }}
{{- end }}
{{- if .Values.proxy.httpsProxy }}
HTTPS_PROXY: {{ .Values.proxy.httpsProxy | quote }}
https_proxy: {{ .Values.proxy.httpsProxy | quote }}
{{- end }}
{{- if .Values.proxy.httpsProxy }}
JAVA_TOOL_OPTIONS: {{ include "outpost-edge.javaProxyOptions" . | quote }}
{{- end }}
{{- if or .Values.proxy.httpsProxy .Values.proxy.noProxy }}
NO_PROXY: {{ include "outpost-edge.noProxy" . | quote }}
no_proxy: {{ include "outpost-edge.noProxy" . | quote }}
{{- end }}
{{- if .Values.proxy.extraCaCertificates }}
OUTPOST_EXTRA_CA_FILE: "/etc/outpost/ca/extra-ca.crt"
{{- end }}
{{- if .Values.customDrivers.enabled }}
OUTPOST_DRIVERS_SOURCE: {{ .Values.customDrivers.source | quote }}
OUTPOST_DRIVERS_SHA256: {{ .Values.customDrivers.sha256 | quote }}
{{- end }}
{{- if .Values.openTelemetry.enabled }}
QUARKUS_OTEL_SDK_DISABLED: "false"
QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT: {{ .Values.openTelemetry.endpoint | quote }}
{{- else }}
QUARKUS_OTEL_SDK_DISABLED: "true"
{{- end }}
{{- end }}

{{/* NO_PROXY always keeps in-cluster traffic (the Kubernetes API, services) off the proxy. */}}
{{- define "outpost-edge.noProxy" -}}
{{- $base := list "localhost" "127.0.0.1" ".svc" ".cluster.local" "kubernetes.default.svc" }}
{{- $user := list }}
{{- if .Values.proxy.noProxy }}{{ $user = splitList "," .Values.proxy.noProxy }}{{ end }}
{{- concat $user $base | uniq | join "," }}
{{- end }}

{{/*
The JVM ignores HTTPS_PROXY: gRPC (the EdgeLink) and the AWS SDK follow the https.proxyHost system properties, so the
proxy is also given as JAVA_TOOL_OPTIONS. Java's nonProxyHosts knows no CIDRs (they stay in NO_PROXY only) and writes
a domain suffix as "*.example.com".
*/}}
{{- define "outpost-edge.javaProxyOptions" -}}
{{- $u := urlParse .Values.proxy.httpsProxy }}
{{- $hostPort := splitList ":" $u.host }}
{{- $host := first $hostPort }}
{{- $port := ternary (last $hostPort) (ternary "443" "80" (eq $u.scheme "https")) (gt (len $hostPort) 1) }}
{{- $nonProxy := list }}
{{- range splitList "," (include "outpost-edge.noProxy" .) }}
{{- $h := trim . }}
{{- if and $h (not (contains "/" $h)) }}
{{- $nonProxy = append $nonProxy (ternary (printf "*%s" $h) $h (hasPrefix "." $h)) }}
{{- end }}
{{- end }}
{{- printf "-Dhttps.proxyHost=%s -Dhttps.proxyPort=%s -Dhttp.proxyHost=%s -Dhttp.proxyPort=%s -Dhttp.nonProxyHosts=%s" $host $port $host $port (join "|" $nonProxy) }}
{{- end }}

{{/* env entries of every container: the ConfigMap's settings, then the user's extraEnv. */}}
{{- define "outpost-edge.commonEnv" -}}
{{- $cm := include "outpost-edge.fullname" . }}
{{- range $key, $_ := (include "outpost-edge.configData" . | fromYaml) }}
- name: {{ $key }}
  valueFrom:
    configMapKeyRef:
      name: {{ $cm }}
      key: {{ $key }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* volumeMounts of every container. */}}
{{- define "outpost-edge.commonVolumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if include "outpost-edge.hasCa" . }}
- name: ca-certificates
  mountPath: /etc/outpost/ca
  readOnly: true
{{- end }}
{{- if .Values.keyProvider.localKey.existingSecret }}
- name: customer-key
  mountPath: /etc/outpost/keys
  readOnly: true
{{- end }}
{{- with .Values.extraVolumeMounts }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* volumes of every pod. */}}
{{- define "outpost-edge.commonVolumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: 1Gi
{{- if include "outpost-edge.hasCa" . }}
- name: ca-certificates
  configMap:
    name: {{ include "outpost-edge.caConfigMapName" . }}
{{- end }}
{{- if .Values.keyProvider.localKey.existingSecret }}
- name: customer-key
  secret:
    secretName: {{ .Values.keyProvider.localKey.existingSecret }}
    defaultMode: 0400
    items:
      - key: {{ .Values.keyProvider.localKey.key }}
        path: customer.key
{{- end }}
{{- with .Values.extraVolumes }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Pod-level fields every pod shares (job pods included). */}}
{{- define "outpost-edge.podScheduling" -}}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Pod annotations: the user's plus checksums that roll the pods when their configuration changes. */}}
{{- define "outpost-edge.podAnnotations" -}}
checksum/config: {{ include "outpost-edge.configData" . | sha256sum }}
{{- if .Values.edge.name }}
outpost.dev/edge-name: {{ .Values.edge.name | quote }}
{{- end }}
{{- with .Values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The metadata-browser and results-reader Deployments only differ by name, port and replicas. */}}
{{- define "outpost-edge.workerDeployment" -}}
{{- $root := index . 0 }}
{{- $component := index . 1 }}
{{- $key := index . 2 }}
{{- $port := index . 3 }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "outpost-edge.componentName" (list $root $component) }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "outpost-edge.componentLabels" (list $root $component) | trim | nindent 4 }}
spec:
  replicas: {{ index $root.Values.replicas $key }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "outpost-edge.componentSelectorLabels" (list $root $component) | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "outpost-edge.componentLabels" (list $root $component) | trim | nindent 8 }}
        {{- with $root.Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        {{- include "outpost-edge.podAnnotations" $root | trim | nindent 8 }}
    spec:
      serviceAccountName: {{ include "outpost-edge.serviceAccountName" $root }}
      # Only plane-manager talks to the Kubernetes API.
      automountServiceAccountToken: false
      {{- include "outpost-edge.podScheduling" $root | trim | nindent 6 }}
      containers:
        - name: {{ $component }}
          image: {{ include "outpost-edge.image" (list $root $component) }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          ports:
            - name: http
              containerPort: {{ $port }}
              protocol: TCP
          env:
            {{- include "outpost-edge.commonEnv" $root | trim | nindent 12 }}
          resources:
            {{- include "outpost-edge.resources" (list $root $key) | nindent 12 }}
          startupProbe:
            httpGet: {path: /q/health/started, port: http}
            periodSeconds: 5
            failureThreshold: 30
          livenessProbe:
            httpGet: {path: /q/health/live, port: http}
            periodSeconds: 10
          readinessProbe:
            httpGet: {path: /q/health/ready, port: http}
            periodSeconds: 10
          volumeMounts:
            {{- include "outpost-edge.commonVolumeMounts" $root | trim | nindent 12 }}
      volumes:
        {{- include "outpost-edge.commonVolumes" $root | trim | nindent 8 }}
{{- end }}

{{/* The job-runner PodTemplateSpec (see job-template-configmap.yaml). */}}
{{- define "outpost-edge.jobPodTemplate" -}}
metadata:
  labels:
    {{- include "outpost-edge.componentLabels" (list . "job-runner") | trim | nindent 4 }}
    {{- with .Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    {{- include "outpost-edge.podAnnotations" . | trim | nindent 4 }}
spec:
  serviceAccountName: {{ include "outpost-edge.serviceAccountName" . }}
  automountServiceAccountToken: false
  restartPolicy: Never
  enableServiceLinks: false
  {{- include "outpost-edge.podScheduling" . | trim | nindent 2 }}
  containers:
    - name: job-runner
      image: {{ include "outpost-edge.image" (list . "job-runner") }}
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      securityContext:
        {{- toYaml .Values.securityContext | nindent 8 }}
      env:
        - name: OUTPOST_RUNNER_WORKSPACE_ROOT
          value: /workspace
        {{- include "outpost-edge.commonEnv" . | trim | nindent 8 }}
      resources:
        {{- include "outpost-edge.resources" (list . "jobRunner") | nindent 8 }}
      volumeMounts:
        - name: workspace
          mountPath: /workspace
        {{- include "outpost-edge.commonVolumeMounts" . | trim | nindent 8 }}
  volumes:
    - name: workspace
      ephemeral:
        volumeClaimTemplate:
          metadata:
            labels:
              {{- include "outpost-edge.componentLabels" (list . "job-runner") | trim | nindent 14 }}
          spec:
            accessModes: ["ReadWriteOnce"]
            {{- with .Values.workspace.storageClassName }}
            storageClassName: {{ . }}
            {{- end }}
            resources:
              requests:
                storage: {{ include "outpost-edge.workspaceSize" . }}
    {{- include "outpost-edge.commonVolumes" . | trim | nindent 4 }}
{{- end }}
