// extra_hosts: a name for a service of the project becomes a DNS record of that service;
// every other address is refused with the reason, at the entry.

import { describe, expect, test } from 'vitest';
import { convertedMiddle, middleErrors, runMiddle } from './harness.js';

const errors = (text: string, opts = {}) => middleErrors(text, opts, true);

function converted(text: string) {
  const { values, diagnostics } = convertedMiddle(text);
  return { values, infos: diagnostics.filter((d) => d.code === 'C2A301').map((d) => d.message) };
}

describe('extra_hosts with host-gateway', () => {
  test('leads to the one service that publishes ports under their own numbers', () => {
    const { values, infos } = converted(`
services:
  blog:
    image: blog
    extra_hosts:
      - "chunky.example.com:host-gateway"
  cache:
    image: cache
    ports:
      - "8080:8080"
      - target: 9000
        published: "9000"
`);
    expect(values.services.cache!.additionalDnsRecords).toEqual(['chunky.example.com']);
    expect(values.services.default!.additionalDnsRecords).toEqual(['blog']);
    expect(infos).toEqual([
      "'chunky.example.com' (extra_hosts of service 'blog') leads to the Docker host, where service 'cache' publishes its ports under their own numbers: it becomes a DNS record of service 'cache', which every service of the sandbox resolves; network policies still decide who reaches it",
    ]);
  });

  test('ports published on the host loopback only, or on ephemeral host ports, do not count', () => {
    const { values } = converted(`
services:
  client:
    image: c
    extra_hosts: ["api.local:host-gateway"]
  api:
    image: a
    ports: ["7000:7000"]
  admin:
    image: b
    ports: ["127.0.0.1:9090:9090", "[::1]:9091:9091", "5000"]
`);
    expect(values.services.api!.additionalDnsRecords).toEqual(['api.local']);
    expect(values.services.admin!.additionalDnsRecords).toBeUndefined();
  });

  test('is refused when no service publishes a port', () => {
    expect(errors(`
services:
  client:
    image: c
    extra_hosts: ["host.docker.internal:host-gateway"]
  api:
    image: a
    expose: ["80"]
`)).toEqual([
      {
        code: 'C2A300',
        line: 5,
        message:
          "the extra_hosts entry 'host.docker.internal:host-gateway' cannot be converted: host-gateway is the machine that runs Docker, no service of the project publishes a port there, and a sandbox cannot reach that machine",
        hint: 'address services by their names',
      },
    ]);
  });

  test('is refused when several services publish ports', () => {
    const [e] = errors(`
services:
  client:
    image: c
    extra_hosts: ["gw:host-gateway"]
  a:
    image: a
    ports: ["80:80"]
  b:
    image: b
    ports: ["443:443"]
`);
    expect(e!.message).toContain("host-gateway leads to the ports published by several services ('a', 'b'), and a DNS record leads to one");
  });

  test('is refused when the publisher moves a port number', () => {
    const [e] = errors(`
services:
  client:
    image: c
    extra_hosts: ["gw:host-gateway"]
  web:
    image: w
    ports: ["8081-8082:80-81/tcp"]
`);
    expect(e!.message).toContain("service 'web' publishes port 80-81 as 8081-8082");
    expect(e!.hint).toBe("publish the port under its own number (80-81:80-81), or address 'web' by its name and port 80-81");
  });

  test('is refused when the client and the publisher share no network', () => {
    const [e] = errors(`
services:
  client:
    image: c
    networks: [front]
    extra_hosts: ["gw:host-gateway"]
  web:
    image: w
    networks: [back]
    ports: ["80:80"]
networks:
  front:
  back:
`);
    expect(e!.message).toContain("services 'client' and 'web' share no network, so the sandbox's network policies would block what Compose routed through the Docker host");
    expect(e!.hint).toBe("put 'client' and 'web' on a common network");
  });
});

describe('extra_hosts with an address', () => {
  test('the static address of a service leads to that service, in every written form', () => {
    const { values } = converted(`
services:
  attacker:
    image: kali
    networks:
      lab:
        ipv4_address: 10.5.0.2
    extra_hosts:
      - "target.lab:10.5.0.3"
      - "db.lab=fd00::10"
  victim:
    image: v
    networks:
      lab:
        ipv4_address: 10.5.0.3
  db:
    image: postgres
    networks:
      lab:
        ipv6_address: FD00:0::0010
  other:
    image: o
    networks: [lab]
    extra_hosts:
      target.lab: "10.5.0.3"
      victim6: ["[fd00::10]"]
networks:
  lab:
`);
    expect(values.services.victim!.additionalDnsRecords).toEqual(['target.lab']);
    expect(values.services.db!.additionalDnsRecords).toEqual(['db.lab', 'victim6']);
  });

  test('an entry that is not name:address is refused where it is read', () => {
    expect(errors(`
services:
  app:
    image: a
    extra_hosts: ["broken"]
`)).toEqual([
      expect.objectContaining({ line: 5, message: "the extra_hosts entry 'broken' cannot be converted: it is not `name:address` or `name=address`" }),
    ]);
  });

  test('any other address is refused: the chart cannot write /etc/hosts', () => {
    expect(errors(`
services:
  app:
    image: a
    extra_hosts:
      - "api.example.com:93.184.216.34"
      - "self.local:127.0.0.1"
      - "weird:not-an-ip"
`)).toEqual([
      {
        code: 'C2A300',
        line: 6,
        message:
          "the extra_hosts entry 'api.example.com:93.184.216.34' cannot be converted: 93.184.216.34 is not the static address of any service of the project, and the chart cannot write /etc/hosts",
        hint: 'address services by their names; for a host on the internet, use its real domain name and allow it in x-inspect_k8s_sandbox.allow_domains',
      },
      expect.objectContaining({
        line: 7,
        message: "the extra_hosts entry 'self.local:127.0.0.1' cannot be converted: it names the loopback of service 'app' itself, and the chart cannot write /etc/hosts",
        hint: 'use localhost',
      }),
      expect.objectContaining({ line: 8, message: "the extra_hosts entry 'weird:not-an-ip' cannot be converted: 'not-an-ip' is not an IP address or host-gateway" }),
    ]);
  });

  test('addresses of one name that lead to different services are refused', () => {
    const [e] = errors(`
services:
  app:
    image: a
    networks: [n]
    extra_hosts:
      both: ["10.0.0.2", "10.0.0.3"]
  b:
    image: b
    networks: { n: { ipv4_address: 10.0.0.2 } }
  c:
    image: c
    networks: { n: { ipv4_address: 10.0.0.3 } }
networks:
  n:
`);
    expect(e!.message).toContain("its addresses lead to several services ('b', 'c')");
  });
});

describe('extra_hosts names in the sandbox DNS', () => {
  const base = (name: string, second = '') => `
services:
  app:
    image: a
    extra_hosts: ["${name}:host-gateway"]
${second}
  web:
    image: w
    ports: ["80:80"]
  db:
    image: d
`;

  test('a name that is another service\'s name is refused: that service keeps it', () => {
    const [e] = errors(base('db'));
    expect(e).toMatchObject({ code: 'C2A300' });
    expect(e!.message).toContain("it is the name of service 'db', which every service of the sandbox must keep reaching under it, while for 'app' it led to 'web'");
  });

  test('two clients naming the same service under one name give one record', () => {
    const { values } = converted(base('web.local', '  app2:\n    image: b\n    extra_hosts: ["web.local:host-gateway"]'));
    expect(values.services.web!.additionalDnsRecords).toEqual(['web.local']);
  });

  test('one name for two services is refused', () => {
    const r = runMiddle(`
services:
  app:
    image: a
    networks: [n]
    extra_hosts: ["svc.local:10.0.0.2"]
  app2:
    image: a
    networks: [n]
    extra_hosts: ["svc.local:10.0.0.3"]
  b:
    image: b
    networks: { n: { ipv4_address: 10.0.0.2 } }
  c:
    image: c
    networks: { n: { ipv4_address: 10.0.0.3 } }
networks:
  n:
`);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['C2A054']);
  });

  test('a name that cannot be a DNS record is refused, and not said to become one', () => {
    const r = runMiddle(base('bad name!'));
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['C2A057']);
    expect(r.diagnostics.some((d) => d.code === 'C2A301')).toBe(false);
  });

  test('a service without a network has its extra_hosts ignored with an info', () => {
    const r = runMiddle(`
services:
  app:
    image: a
    network_mode: none
    extra_hosts: ["x:1.2.3.4"]
`);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(r.diagnostics.find((d) => d.code === 'C2A031' && d.message.includes('network_mode: none'))).toBeDefined();
  });

  test('--strict refuses extra_hosts as the reference converter does', () => {
    expect(errors(base('web.local'), { strict: true }).map((e) => e.code)).toContain('C2A033');
  });
});
