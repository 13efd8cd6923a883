package dev.keelson.helm;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** A repository's files for tests, as the source layer hands them over. */
final class RepoFiles {
  private final Map<String, byte[]> files = new TreeMap<>();

  RepoFiles put(String path, String text) {
    files.put(path, text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  RepoFiles putBytes(String path, byte[] content) {
    files.put(path, content);
    return this;
  }

  RepoFiles remove(String path) {
    files.remove(path);
    return this;
  }

  Map<String, byte[]> map() {
    return new TreeMap<>(files);
  }

  /** A chart with values, a ConfigMap showing them, a hook, a test hook and a CRD. */
  static RepoFiles demo(String dir) {
    String p = dir.isEmpty() ? "" : dir + "/";
    return new RepoFiles()
        .put(p + "Chart.yaml", """
            apiVersion: v2
            name: demo
            version: 1.2.3
            kubeVersion: ">=1.23.0-0"
            """)
        .put(p + "values.yaml", """
            layer: chart
            fromFile: chart
            fromValuesFrom: chart
            fromValues: chart
            fromObject: chart
            nested:
              keep: chart
              over: chart
            port: 80
            """)
        .put(p + "templates/_helpers.tpl", """
            {{- define "demo.name" -}}{{ .Release.Name }}-cm{{- end -}}
            """)
        .put(p + "templates/cm.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ include "demo.name" . }}
              namespace: {{ .Release.Namespace }}
            data:
              layer: {{ .Values.layer | quote }}
              fromFile: {{ .Values.fromFile | quote }}
              fromValuesFrom: {{ .Values.fromValuesFrom | quote }}
              fromValues: {{ .Values.fromValues | quote }}
              fromObject: {{ .Values.fromObject | quote }}
              keep: {{ .Values.nested.keep | quote }}
              over: {{ .Values.nested.over | quote }}
              portKind: {{ kindOf .Values.port | quote }}
              port: {{ .Values.port | quote }}
              {{- with .Values.portStr }}
              portStrKind: {{ kindOf . | quote }}
              {{- end }}
              {{- with .Values.cert }}
              cert: {{ . | quote }}
              {{- end }}
              kube: {{ .Capabilities.KubeVersion.Version | quote }}
              monitoring: {{ .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" | quote }}
            """)
        .put(p + "templates/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}-web
              annotations:
                checksum/config: {{ include (print $.Template.BasePath "/cm.yaml") . | sha256sum }}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: nginx}]
            """)
        .put(p + "templates/hook.yaml", """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: {{ .Release.Name }}-migrate
              annotations:
                "helm.sh/hook": pre-install,pre-upgrade
                "helm.sh/hook-weight": "-5"
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: migrate, image: busybox}]
            """)
        .put(p + "templates/tests/test-connection.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: {{ .Release.Name }}-test
              annotations:
                helm.sh/hook: test
            spec:
              containers: [{name: t, image: busybox}]
            """)
        .put(p + "templates/NOTES.txt", "Thanks for installing {{ .Release.Name }}.\n")
        .put(p + "crds/widgets.yaml", """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets}
              scope: Namespaced
              versions: [{name: v1, served: true, storage: true}]
            """);
  }
}
