package dev.keelson.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkingHealthTest {

  @Test
  void clusterIpServiceIsHealthy() {
    Health h =
        Live.assess(
            """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {type: ClusterIP, clusterIP: 10.96.0.12, ports: [{port: 80}]}
            status: {loadBalancer: {}}
            """);
    assertThat(h).isEqualTo(Health.healthy());
  }

  @Test
  void loadBalancerWithoutAddressIsProgressing() {
    Health h =
        Live.assess(
            """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {type: LoadBalancer, ports: [{port: 80}]}
            status: {loadBalancer: {}}
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
  }

  @Test
  void loadBalancerWithAddressIsHealthy() {
    Health h =
        Live.assess(
            """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {type: LoadBalancer}
            status:
              loadBalancer:
                ingress:
                  - ip: 203.0.113.10
            """);
    assertThat(h).isEqualTo(Health.healthy());
  }

  @Test
  void ingressWithAddressIsHealthyOtherwiseProgressing() {
    Health ready =
        Live.assess(
            """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web}
            spec: {rules: [{host: shop.example.com}]}
            status:
              loadBalancer:
                ingress: [{hostname: lb.example.com}]
            """);
    Health waiting =
        Live.assess(
            """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web}
            spec: {rules: [{host: shop.example.com}]}
            status: {loadBalancer: {}}
            """);
    assertThat(ready).isEqualTo(Health.healthy());
    assertThat(waiting.status()).isEqualTo(HealthStatus.Progressing);
  }
}
