{{/* Object name of a service: <release>-<service>, at most 63 characters. */}}
{{- define "keystone-crm.name" -}}
{{- printf "%s-%s" .root.Release.Name .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "keystone-crm.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object of a service (.root, .service). */}}
{{- define "keystone-crm.labels" -}}
helm.sh/chart: {{ include "keystone-crm.chart" .root }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: keystone-crm
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{ include "keystone-crm.selectorLabels" . }}
{{- end -}}

{{- define "keystone-crm.selectorLabels" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* A service's settings: serviceDefaults overridden by its own block. Returns YAML; use with fromYaml. */}}
{{- define "keystone-crm.settings" -}}
{{- $own := index .root.Values.services .service -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.serviceDefaults) (deepCopy $own)) -}}
{{- end -}}

{{/* The image of a deployable (.root, .service); a `latest` tag is refused. */}}
{{- define "keystone-crm.image" -}}
{{- $tag := toString .root.Values.image.tag -}}
{{- if or (eq $tag "latest") (eq $tag "") -}}
{{- fail "image.tag must name a version, never latest" -}}
{{- end -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .service $tag -}}
{{- end -}}

{{/* The hardened container securityContext every container of the chart gets. */}}
{{- define "keystone-crm.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurityContext.runAsUser }}
runAsGroup: {{ .Values.podSecurityContext.runAsGroup }}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "keystone-crm.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurityContext.runAsUser }}
runAsGroup: {{ .Values.podSecurityContext.runAsGroup }}
fsGroup: {{ .Values.podSecurityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}
