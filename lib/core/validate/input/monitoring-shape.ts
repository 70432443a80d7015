// What a FleetMonitoring's props must hold at runtime (MonitoringProps), checked before the plan reads them.
import { AlertmanagerScheme } from '../../api/monitoring';
import { boolean, integer, INT32_MAX, listOf, object, oneOf, type Shape, string } from './shape';

const remoteWrite = object({
  url: { shape: string({ nonEmpty: true }), required: "give the central store's remote-write URL, such as https://metrics.example.com/api/v1/write" },
  dropReplicaLabel: { shape: boolean },
});

const alertmanager = object({
  name: { shape: string({ nonEmpty: true }), required: "give the name of the Alertmanager's Service, such as alertmanager-operated" },
  namespace: { shape: string({ nonEmpty: true }) },
  port: { shape: string({ nonEmpty: true }) },
  scheme: { shape: oneOf(Object.values(AlertmanagerScheme)) },
});

const label = object({
  key: { shape: string({ nonEmpty: true }), required: 'give the label key, such as clusterset.dev/prometheus' },
  value: { shape: string(), required: 'give the label value, such as clusterset' },
});

export const monitoringShape: Shape = object({
  environment: { shape: string({ nonEmpty: true }), required: 'give the environment every series is labelled with, such as "prod"' },
  remoteWrite: { shape: remoteWrite, required: 'give the central store, such as { url: "https://metrics.example.com/api/v1/write" }' },
  alertmanagers: { shape: listOf(alertmanager) },
  namespace: { shape: string({ nonEmpty: true }) },
  serviceMonitorLabel: { shape: label },
  replicas: { shape: integer({ max: INT32_MAX }) },
});
