@testable import HollowModel

/// Deployment, Job and CronJob cases for `ProtobufKindsTests`: pod templates with volumes, env sources,
/// resources, probes and tolerations.
extension ProtobufKindsTests {
    /// A `Quantity` message.
    static func quantity(_ text: String) -> (inout ProtoWriter) -> Void {
        { $0.string(1, text) }
    }

    static let deployment = Case(
        name: "Deployment",
        body: ProtoWriter.body("apps/v1", "Deployment") { object in
            object.message(1) {
                $0.string(1, "web")
                $0.string(3, "prod")
                $0.entry(11, "app", "web")
            }
            object.message(2) { spec in
                spec.int(1, 0)
                spec.message(2) { selector in
                    selector.entry(1, "app", "web")
                    selector.message(2) { requirement in
                        requirement.string(1, "tier")
                        requirement.string(2, "In")
                        requirement.string(3, "frontend")
                        requirement.string(3, "edge")
                    }
                }
                spec.message(3) { template in
                    template.message(1) {
                        $0.entry(11, "app", "web")
                        $0.entry(12, "kubectl.kubernetes.io/restartedAt", "2026-01-01T00:00:00Z")
                    }
                    template.message(2, podSpec)
                }
                spec.message(4) { strategy in
                    strategy.string(1, "RollingUpdate")
                    strategy.message(2) { rolling in
                        rolling.message(1) {
                            $0.int(1, 1)
                            $0.string(3, "25%")
                        }
                        rolling.message(2) { $0.int(2, 1) }
                    }
                }
                spec.int(5, 0)
                spec.int(6, 10)
                spec.bool(7, false)
                spec.int(9, 600)
            }
            object.message(3) { status in
                status.int(1, 2)
                status.int(2, 3)
                status.int(3, 3)
                status.int(7, 3)
                status.int(4, 3)
                status.message(6) { condition in
                    condition.string(1, "Available")
                    condition.string(2, "True")
                    condition.message(6, newYear)
                    condition.message(7, newYear)
                    condition.string(4, "MinimumReplicasAvailable")
                    condition.string(5, "Deployment has minimum availability.")
                }
            }
        },
        expected: """
            {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","namespace":"prod",
            "labels":{"app":"web"}},"spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"},
            "matchExpressions":[{"key":"tier","operator":"In","values":["frontend","edge"]}]},
            "template":{"metadata":{"labels":{"app":"web"},
            "annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-01T00:00:00Z"}},
            "spec":{"volumes":[{"name":"config","configMap":{"name":"web-config","items":[{"key":"nginx.conf",
            "path":"nginx.conf"}],"defaultMode":420}},{"name":"cache","emptyDir":{"medium":"Memory",
            "sizeLimit":"1Gi"}},{"name":"tls","secret":{"secretName":"web-tls","optional":true}}],
            "containers":[{"name":"nginx","image":"nginx:1.27","command":["nginx"],"args":["-g","daemon off;"],
            "ports":[{"name":"http","containerPort":80,"protocol":"TCP"}],"env":[{"name":"MODE",
            "value":"production"},{"name":"POD_NAME","valueFrom":{"fieldRef":{"apiVersion":"v1",
            "fieldPath":"metadata.name"}}},{"name":"PASSWORD","valueFrom":{"secretKeyRef":{"name":"db",
            "key":"password","optional":false}}}],"resources":{"limits":{"cpu":"500m","memory":"1Gi"},
            "requests":{"cpu":"100m"}},"volumeMounts":[{"name":"config","readOnly":true,"mountPath":"/etc/nginx"}],
            "livenessProbe":{"httpGet":{"path":"/healthz","port":"http","scheme":"HTTP"},"initialDelaySeconds":5,
            "periodSeconds":10},"readinessProbe":{"tcpSocket":{"port":80}},
            "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File",
            "imagePullPolicy":"IfNotPresent","securityContext":{"runAsNonRoot":false}}],"restartPolicy":"Always",
            "terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","nodeSelector":{"disktype":"ssd"},
            "serviceAccountName":"web","securityContext":{},"schedulerName":"default-scheduler",
            "tolerations":[{"key":"dedicated","operator":"Equal","value":"web","effect":"NoSchedule"},
            {"operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],"priority":-10,
            "enableServiceLinks":true}},"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%",
            "maxSurge":1}},"revisionHistoryLimit":10,"progressDeadlineSeconds":600},
            "status":{"observedGeneration":2,"replicas":3,"updatedReplicas":3,"readyReplicas":3,
            "availableReplicas":3,"conditions":[{"type":"Available","status":"True",
            "lastUpdateTime":"2026-01-01T00:00:00Z","lastTransitionTime":"2026-01-01T00:00:00Z",
            "reason":"MinimumReplicasAvailable","message":"Deployment has minimum availability."}]}}
            """)

    /// A PodSpec exercising the common fields of pods, containers and volumes.
    static func podSpec(_ pod: inout ProtoWriter) {
        pod.message(1) { volume in
            volume.string(1, "config")
            volume.message(2) { source in
                source.message(19) { configMap in
                    configMap.message(1) { $0.string(1, "web-config") }
                    configMap.message(2) {
                        $0.string(1, "nginx.conf")
                        $0.string(2, "nginx.conf")
                    }
                    configMap.int(3, 420)
                }
            }
        }
        pod.message(1) { volume in
            volume.string(1, "cache")
            volume.message(2) { source in
                source.message(2) { emptyDir in
                    emptyDir.string(1, "Memory")
                    emptyDir.message(2, quantity("1024Mi"))
                }
            }
        }
        pod.message(1) { volume in
            volume.string(1, "tls")
            volume.message(2) { source in
                source.message(6) {
                    $0.string(1, "web-tls")
                    $0.bool(4, true)
                }
            }
        }
        pod.message(2) { container in
            container.string(1, "nginx")
            container.string(2, "nginx:1.27")
            container.string(3, "nginx")
            container.string(4, "-g")
            container.string(4, "daemon off;")
            container.message(6) { port in
                port.string(1, "http")
                port.int(3, 80)
                port.string(4, "TCP")
            }
            container.message(7) { env in
                env.string(1, "MODE")
                env.string(2, "production")
            }
            container.message(7) { env in
                env.string(1, "POD_NAME")
                env.message(3) { source in
                    source.message(1) {
                        $0.string(1, "v1")
                        $0.string(2, "metadata.name")
                    }
                }
            }
            container.message(7) { env in
                env.string(1, "PASSWORD")
                env.message(3) { source in
                    source.message(4) { selector in
                        selector.message(1) { $0.string(1, "db") }
                        selector.string(2, "password")
                        selector.bool(3, false)
                    }
                }
            }
            container.message(8) { resources in
                resources.entry(1, "memory", message: quantity("1024Mi"))
                resources.entry(1, "cpu", message: quantity("0.5"))
                resources.entry(2, "cpu", message: quantity("100m"))
            }
            container.message(9) { mount in
                mount.string(1, "config")
                mount.bool(2, true)
                mount.string(3, "/etc/nginx")
            }
            container.message(10) { probe in
                probe.message(1) { handler in
                    handler.message(2) { get in
                        get.string(1, "/healthz")
                        get.message(2) {
                            $0.int(1, 1)
                            $0.string(3, "http")
                        }
                        get.string(4, "HTTP")
                    }
                }
                probe.int(2, 5)
                probe.int(4, 10)
            }
            container.message(11) { probe in
                probe.message(1) { handler in handler.message(3) { $0.message(1) { $0.int(2, 80) } } }
            }
            container.string(13, "/dev/termination-log")
            container.string(14, "IfNotPresent")
            container.message(15) { $0.bool(5, false) }
            container.string(20, "File")
        }
        pod.string(3, "Always")
        pod.int(4, 30)
        pod.string(6, "ClusterFirst")
        pod.entry(7, "disktype", "ssd")
        pod.string(8, "web")
        pod.message(14)
        pod.string(19, "default-scheduler")
        pod.message(22) { toleration in
            toleration.string(1, "dedicated")
            toleration.string(2, "Equal")
            toleration.string(3, "web")
            toleration.string(4, "NoSchedule")
        }
        pod.message(22) { toleration in
            toleration.string(2, "Exists")
            toleration.string(4, "NoExecute")
            toleration.int(5, 300)
        }
        pod.int(25, -10)
        pod.bool(30, true)
    }

    static let job = Case(
        name: "Job",
        body: ProtoWriter.body("batch/v1", "Job") { object in
            object.message(1) { $0.string(1, "migrate") }
            object.message(2) { spec in
                spec.int(1, 1)
                spec.int(2, 1)
                spec.int(7, 6)
                spec.message(6) { template in
                    template.message(1)
                    template.message(2) { pod in
                        pod.message(2) { container in
                            container.string(1, "migrate")
                            container.string(2, "busybox")
                            container.string(3, "echo")
                            container.string(3, "hi")
                            container.message(8)
                        }
                        pod.string(3, "Never")
                    }
                }
                spec.int(8, 100)
                spec.string(9, "NonIndexed")
                spec.bool(10, false)
                spec.string(14, "TerminatingOrFailed")
            }
            object.message(3) { status in
                status.message(1) { condition in
                    condition.string(1, "Complete")
                    condition.string(2, "True")
                    condition.message(4, newYear)
                }
                status.message(2, newYear)
                status.int(5, 1)
                status.message(8)
                status.int(9, 0)
            }
        },
        expected: """
            {"kind":"Job","apiVersion":"batch/v1","metadata":{"name":"migrate"},"spec":{"parallelism":1,
            "completions":1,"backoffLimit":6,"template":{"metadata":{},"spec":{"containers":[{"name":"migrate",
            "image":"busybox","command":["echo","hi"],"resources":{}}],"restartPolicy":"Never"}},
            "ttlSecondsAfterFinished":100,"completionMode":"NonIndexed","suspend":false,
            "podReplacementPolicy":"TerminatingOrFailed"},"status":{"conditions":[{"type":"Complete",
            "status":"True","lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:00Z"}],
            "startTime":"2026-01-01T00:00:00Z","succeeded":1,"uncountedTerminatedPods":{},"ready":0}}
            """)

    static let cronJob = Case(
        name: "CronJob",
        body: ProtoWriter.body("batch/v1", "CronJob") { object in
            object.message(1) { $0.string(1, "nightly") }
            object.message(2) { spec in
                spec.string(1, "0 3 * * *")
                spec.string(8, "Etc/UTC")
                spec.int(2, 200)
                spec.string(3, "Forbid")
                spec.bool(4, true)
                spec.message(5) { jobTemplate in
                    jobTemplate.message(1) { $0.entry(11, "job", "nightly") }
                    jobTemplate.message(2) { jobSpec in
                        jobSpec.message(6) { template in
                            template.message(2) { pod in
                                pod.message(2) { container in
                                    container.string(1, "backup")
                                    container.string(2, "busybox")
                                    container.string(4, "date")
                                }
                                pod.string(3, "OnFailure")
                            }
                        }
                    }
                }
                spec.int(6, 3)
                spec.int(7, 1)
            }
            object.message(3) { status in
                status.message(1) { active in
                    active.string(1, "Job")
                    active.string(2, "default")
                    active.string(3, "nightly-29000000")
                    active.string(5, "batch/v1")
                }
                status.message(4, newYear)
            }
        },
        expected: """
            {"kind":"CronJob","apiVersion":"batch/v1","metadata":{"name":"nightly"},"spec":{"schedule":"0 3 * * *",
            "timeZone":"Etc/UTC","startingDeadlineSeconds":200,"concurrencyPolicy":"Forbid","suspend":true,
            "jobTemplate":{"metadata":{"labels":{"job":"nightly"}},"spec":{"template":{"metadata":{},
            "spec":{"containers":[{"name":"backup","image":"busybox","args":["date"],"resources":{}}],
            "restartPolicy":"OnFailure"}}}},"successfulJobsHistoryLimit":3,"failedJobsHistoryLimit":1},
            "status":{"active":[{"kind":"Job","namespace":"default","name":"nightly-29000000",
            "apiVersion":"batch/v1"}],"lastScheduleTime":"2026-01-01T00:00:00Z"}}
            """)
}
