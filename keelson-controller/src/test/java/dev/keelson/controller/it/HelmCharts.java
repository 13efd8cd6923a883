package dev.keelson.controller.it;

/** Charts in the shape of argocd-example-apps' helm-guestbook and helm-hooks, written into Git. */
final class HelmCharts {
  private HelmCharts() {}

  static void guestbook(GitFixture repo, String dir) throws Exception {
    repo.write(dir + "/Chart.yaml", """
            apiVersion: v2
            name: helm-guestbook
            description: A Helm chart for Kubernetes
            type: application
            version: 0.1.0
            appVersion: "1.0"
            """)
        .write(dir + "/values.yaml", """
            replicaCount: 1
            image:
              repository: gcr.io/heptio-images/ks-guestbook-demo
              tag: "0.1"
            service:
              type: ClusterIP
              port: 80
            podLabel: none
            """)
        .write(dir + "/values-production.yaml", """
            service:
              port: 8080
            """)
        .write(dir + "/templates/_helpers.tpl", """
            {{- define "helm-guestbook.fullname" -}}
            {{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
            {{- end -}}
            """)
        .write(dir + "/templates/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ template "helm-guestbook.fullname" . }}
              labels:
                app: {{ template "helm-guestbook.fullname" . }}
                release: {{ .Release.Name }}
            spec:
              replicas: {{ .Values.replicaCount }}
              selector:
                matchLabels:
                  app: {{ template "helm-guestbook.fullname" . }}
              template:
                metadata:
                  labels:
                    app: {{ template "helm-guestbook.fullname" . }}
                    from: {{ .Values.podLabel }}
                spec:
                  containers:
                    - name: {{ .Chart.Name }}
                      image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
                      ports:
                        - name: http
                          containerPort: 80
            """)
        .write(dir + "/templates/service.yaml", """
            apiVersion: v1
            kind: Service
            metadata:
              name: {{ template "helm-guestbook.fullname" . }}
            spec:
              type: {{ .Values.service.type }}
              ports:
                - port: {{ .Values.service.port }}
                  targetPort: http
                  name: http
              selector:
                app: {{ template "helm-guestbook.fullname" . }}
            """)
        .write(dir + "/templates/capabilities.yaml", """
            {{- if .Capabilities.APIVersions.Has "keelson.dev/v1alpha1" }}
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-capabilities
            data:
              kubeVersion: {{ .Capabilities.KubeVersion.Version | quote }}
              namespace: {{ .Release.Namespace | quote }}
            {{- end }}
            """);
  }

  /** A Job run as a Helm hook of the given events; the node simulator completes it. */
  static String hookJob(String name, String events) {
    return """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: %s
          annotations:
            helm.sh/hook: %s
            helm.sh/hook-delete-policy: before-hook-creation
        spec:
          backoffLimit: 0
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: run
                image: busybox:1.36
        """.formatted(name, events);
  }
}
