{{/*
Names, labels and the values every template shares. Rules kept here:
- every name is a DNS-1123 label (at most 63 characters): the prefix is cut to 54 so that
  "-backend" and "-agent" always fit and the two components never collide;
- the paths below are the single place the chart names the files it mounts, so an env var and the
  volume behind it cannot disagree.
*/}}

{{- define "octokube.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "octokube.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 54 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 54 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 54 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "octokube.backend.fullname" -}}
{{- printf "%s-backend" (include "octokube.fullname" .) }}
{{- end }}

{{- define "octokube.agent.fullname" -}}
{{- printf "%s-agent" (include "octokube.fullname" .) }}
{{- end }}

{{- define "octokube.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object; call with (dict "root" $ "component" "backend"). */}}
{{- define "octokube.labels" -}}
helm.sh/chart: {{ include "octokube.chart" .root }}
{{ include "octokube.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: octokube
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* The labels a Deployment selects its pods by; they never change across upgrades. */}}
{{- define "octokube.selectorLabels" -}}
app.kubernetes.io/name: {{ include "octokube.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "octokube.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The Backend's container port: the port "octokube backend" is given with --port. */}}
{{- define "octokube.backend.port" -}}
8080
{{- end }}

{{- define "octokube.policyDir" -}}/etc/octokube/policy{{- end }}
{{- define "octokube.policyKey" -}}policy.yaml{{- end }}
{{- define "octokube.agentTokensDir" -}}/etc/octokube/agent-tokens{{- end }}
{{- define "octokube.agentTokensKey" -}}agent-tokens.yaml{{- end }}
{{- define "octokube.tokenDir" -}}/etc/octokube/agent-token{{- end }}
{{- define "octokube.tokenKey" -}}token{{- end }}
{{- define "octokube.caDir" -}}/etc/octokube/ca{{- end }}
{{- define "octokube.caKey" -}}ca.crt{{- end }}

{{- define "octokube.backend.policyConfigMap" -}}
{{- default (printf "%s-policy" (include "octokube.fullname" .)) .Values.backend.existingPolicyConfigMap }}
{{- end }}

{{- define "octokube.backend.secretName" -}}
{{- default (include "octokube.backend.fullname" .) .Values.backend.existingSecret }}
{{- end }}

{{- define "octokube.agent.secretName" -}}
{{- default (include "octokube.agent.fullname" .) .Values.agent.existingSecret }}
{{- end }}

{{- define "octokube.agent.serviceAccountName" -}}
{{- if .Values.agent.serviceAccount.create }}
{{- default (include "octokube.agent.fullname" .) .Values.agent.serviceAccount.name }}
{{- else }}
{{- required "agent.serviceAccount.name is required when agent.serviceAccount.create is false: name the ServiceAccount the Agent runs as" .Values.agent.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The agent-tokens file: one "cluster: sha256hex" line per cluster, sorted, which YAML and Java
properties readers both take. Each id and hash is checked here, so a typo fails "helm install"
with a message instead of a Backend that cannot start.
*/}}
{{- define "octokube.backend.agentTokensFile" -}}
{{- if not .Values.backend.agentTokens }}
{{- fail "backend.agentTokens names no cluster, and the Backend does not start without one: add <cluster-id>: <SHA-256 of that cluster's agent token> (TOKEN=$(openssl rand -hex 32); printf '%s' \"$TOKEN\" | sha256sum), or set backend.existingSecret" }}
{{- end }}
# cluster id: SHA-256 of that cluster's agent token, in hexadecimal
{{- $seen := dict }}
{{- range $cluster, $hash := .Values.backend.agentTokens }}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" $cluster) }}
{{- fail (printf "backend.agentTokens: cluster id %q is not a DNS-1123 label: use at most 63 of a-z, 0-9 and '-', starting and ending with a letter or digit" $cluster) }}
{{- end }}
{{- $hex := lower (toString $hash) }}
{{- if not (regexMatch "^[0-9a-f]{64}$" $hex) }}
{{- fail (printf "backend.agentTokens.%s must be the SHA-256 of the cluster's token in hexadecimal (64 digits, e.g. from: printf '%%s' \"$TOKEN\" | sha256sum), never the token itself" $cluster) }}
{{- end }}
{{- if hasKey $seen $hex }}
{{- fail (printf "backend.agentTokens: clusters %s and %s share one token hash; each cluster needs its own token" (get $seen $hex) $cluster) }}
{{- end }}
{{- $_ := set $seen $hex $cluster }}
{{ $cluster }}: {{ $hex }}
{{- end }}
{{- end }}

{{/*
The web origins allowed to open client streams: the listed ones, or else the Ingress host.
Rendered as one comma-separated string, the form OCTOKUBE_ALLOWED_ORIGINS takes; empty when there
is none, in which case the env var is left out.
*/}}
{{- define "octokube.backend.allowedOrigins" -}}
{{- $origins := list }}
{{- range .Values.backend.allowedOrigins }}
{{- if not (regexMatch "^https?://[^/,\\s]+$" .) }}
{{- fail (printf "backend.allowedOrigins: %q is not a web origin: write scheme://host[:port], e.g. https://octokube.example.com, with no path" .) }}
{{- end }}
{{- $origins = append $origins . }}
{{- end }}
{{- if and (not $origins) .Values.backend.ingress.enabled .Values.backend.ingress.host }}
{{- $scheme := "http" }}
{{- if .Values.backend.ingress.tls.enabled }}
{{- $scheme = "https" }}
{{- end }}
{{- $origins = append $origins (printf "%s://%s" $scheme .Values.backend.ingress.host) }}
{{- end }}
{{- join "," $origins }}
{{- end }}

{{/*
The URL the Agent connects to: agent.backendUrl, or this release's Backend Service when the
release installs both. The scheme is checked as the Agent checks it (LinkConfig).
*/}}
{{- define "octokube.agent.backendUrl" -}}
{{- $url := .Values.agent.backendUrl }}
{{- if and (not $url) .Values.backend.enabled }}
{{- $url = printf "ws://%s.%s.svc:%v" (include "octokube.backend.fullname" .) .Release.Namespace .Values.backend.service.port }}
{{- end }}
{{- if not $url }}
{{- fail "agent.backendUrl is required: the Backend's URL, e.g. wss://octokube.example.com (or install the Backend in the same release)" }}
{{- end }}
{{- if not (regexMatch "^wss?://[^/?#@\\s]+(/[^?#\\s]*)?$" $url) }}
{{- fail (printf "agent.backendUrl %q must be wss://host[:port][/prefix] (or ws:// for a plain-text hop), with no credentials, query or fragment" $url) }}
{{- end }}
{{- if and .Values.agent.caSecret (hasPrefix "ws://" $url) }}
{{- fail (printf "agent.caSecret only applies to wss:// URLs; agent.backendUrl is %s" $url) }}
{{- end }}
{{- $url }}
{{- end }}

{{/* The pod-level settings both Deployments share. */}}
{{- define "octokube.podCommon" -}}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
# Kubernetes would otherwise inject <SERVICE>_PORT=tcp://… variables for every Service in the
# namespace; one named "octokube" would set OCTOKUBE_PORT, which a flag's env var could read.
enableServiceLinks: false
{{- with .root.Values.podSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
terminationGracePeriodSeconds: {{ .values.terminationGracePeriodSeconds }}
{{- end }}
