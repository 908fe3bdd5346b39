// The container's file system for a simulated pod: a debian:bookworm-slim root, the kubelet's
// bind mounts, /proc/mounts, and each image volume mounted read-only at its mountPath.
import { ARTIFACT_GID, ARTIFACT_MTIME, ARTIFACT_UID, KERNEL_VERSION, imageDigest, isArtifact } from './facts.js';
import type { MountPlan, SimPod } from './pod-timeline.js';
import { IMAGE_PROGRAMS, IMAGE_SBIN } from './image-commands.js';
import { dir, file, Vfs, type MountInfo, type VDir } from './vfs.js';


/** The files of quay.io/crio/artifact (:v1 and :v2 hold the same tree). */
export function artifactTree(reference: string): VDir {
  const root = dir(0o755, 0, 0, ARTIFACT_MTIME);
  if (!isArtifact(reference)) {
    // Any other image: a plausible image root.
    for (const d of ['bin', 'etc', 'usr']) root.children.set(d, dir(0o755, 0, 0, ARTIFACT_MTIME));
    return root;
  }
  const d = dir(0o755, ARTIFACT_UID, ARTIFACT_GID, ARTIFACT_MTIME);
  d.children.set('file', file('1\n', 0o644, ARTIFACT_UID, ARTIFACT_GID, ARTIFACT_MTIME));
  // The artifact's layer is owned by uid 1000, group users (gid 100), as the guide's ls -l shows.
  root.uid = ARTIFACT_UID;
  root.gid = ARTIFACT_GID;
  root.children.set('file', file('2\n', 0o644, ARTIFACT_UID, ARTIFACT_GID, ARTIFACT_MTIME));
  root.children.set('dir', d);
  return root;
}

function subTree(tree: VDir, subPath: string): VDir {
  let node: VDir = tree;
  for (const part of subPath.split('/').filter(Boolean)) {
    const next = node.children.get(part);
    if (!next || next.type !== 'dir') return node;
    node = next;
  }
  return node;
}

function layerId(seed: string): string {
  return imageDigest(seed).slice(0, 26).toUpperCase().replace(/[0-9]/g, (c) => 'ABCDEFGHIJ'[Number(c)] ?? c);
}

function volumeMountInfo(m: MountPlan, runtime: string): Omit<MountInfo, 'path'> {
  if (runtime.startsWith('cri-o')) {
    const lower = [layerId(`${m.reference}/1`), layerId(`${m.reference}/0`)].map((l) => `/var/lib/containers/storage/overlay/l/${l}`).join(':');
    return { readOnly: true, source: 'overlay', fsType: 'overlay', options: `ro,relatime,lowerdir=${lower}` };
  }
  // containerd bind-mounts the unpacked snapshot read-only.
  return { readOnly: true, source: '/dev/vda1', fsType: 'ext4', options: 'ro,relatime' };
}

function rootMountLine(runtime: string, seed: string): string {
  if (runtime.startsWith('cri-o')) {
    const l = (n: number) => `/var/lib/containers/storage/overlay/l/${layerId(`${seed}/${n}`)}`;
    const id = imageDigest(`${seed}/upper`);
    return `overlay / overlay rw,relatime,lowerdir=${l(1)}:${l(2)},upperdir=/var/lib/containers/storage/overlay/${id}/diff,workdir=/var/lib/containers/storage/overlay/${id}/work,volatile 0 0`;
  }
  const s = (n: number) => `/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/${n}`;
  return `overlay / overlay rw,relatime,lowerdir=${s(41)}/fs,upperdir=${s(45)}/fs,workdir=${s(45)}/work 0 0`;
}

export function buildRootfs(pod: SimPod, container: string): Vfs {
  const created = pod.createdAt;
  const root = dir(0o755, 0, 0, created);
  const fs = new Vfs(root);
  for (const d of ['boot', 'dev', 'etc', 'home', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'srv', 'sys', 'usr', 'var', 'var/lib', 'var/log', 'usr/bin', 'usr/lib', 'usr/lib64', 'usr/sbin', 'usr/local', 'usr/local/bin', 'usr/share']) {
    fs.ensureDir(`/${d}`);
  }
  fs.ensureDir('/root').mode = 0o700;
  const tmp = fs.ensureDir('/tmp');
  tmp.mode = 0o1777;
  // bookworm's /usr is merged: /bin, /sbin, /lib and /lib64 are symbolic links into /usr.
  for (const name of IMAGE_PROGRAMS) fs.ensureDir(IMAGE_SBIN.has(name) ? '/usr/sbin' : '/usr/bin').children.set(name, file('\x7fELF', 0o755, 0, 0, Date.UTC(2025, 10, 17)));
  for (const link of ['bin', 'sbin', 'lib', 'lib64']) fs.symlink(`usr/${link}`, `/${link}`, Date.UTC(2025, 10, 17));
  const hostname = pod.stored.metadata.name;
  fs.writeFileRaw('/etc/hostname', `${hostname}\n`);
  fs.writeFileRaw('/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${pod.podIP}\t${hostname}\n`);
  fs.writeFileRaw('/etc/resolv.conf', `search ${pod.stored.metadata.namespace ?? 'default'}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`);
  fs.writeFileRaw('/etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n');
  fs.writeFileRaw('/etc/debian_version', '12.12\n');
  fs.writeFileRaw('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n');
  fs.writeFileRaw('/etc/group', 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nusers:x:100:\nnogroup:x:65534:\n');
  fs.writeFileRaw('/root/.bashrc', '# ~/.bashrc: executed by bash(1) for non-login shells.\n');
  fs.writeFileRaw('/root/.profile', '# ~/.profile: executed by Bourne-compatible login shells.\n');
  fs.writeFileRaw('/dev/termination-log', '');
  fs.writeFileRaw('/proc/version', `Linux version ${KERNEL_VERSION} (buildd@lcy02-amd64-001) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.3.0-6ubuntu2~24.04) 13.3.0, GNU ld (GNU Binutils for Ubuntu) 2.42) #90-Ubuntu SMP PREEMPT_DYNAMIC\n`);
  fs.deny('/proc');
  fs.deny('/sys');

  const mountLines = [
    rootMountLine(pod.runtime, pod.key),
    'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
    'tmpfs /dev tmpfs rw,nosuid,size=65536k,mode=755,inode64 0 0',
    'devpts /dev/pts devpts rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666 0 0',
    'mqueue /dev/mqueue mqueue rw,nosuid,nodev,noexec,relatime 0 0',
    'sysfs /sys sysfs ro,nosuid,nodev,noexec,relatime 0 0',
    'cgroup /sys/fs/cgroup cgroup2 ro,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0',
  ];
  for (const m of pod.mounts.filter((x) => x.container === container)) {
    const info = volumeMountInfo(m, pod.runtime);
    const tree = artifactTree(m.reference);
    fs.mount(m.mountPath, m.subPath ? subTree(tree, m.subPath) : tree, info);
    mountLines.push(`${info.source} ${m.mountPath} ${info.fsType} ${info.options} 0 0`);
  }
  mountLines.push(
    '/dev/vda1 /etc/hosts ext4 rw,relatime 0 0',
    '/dev/vda1 /dev/termination-log ext4 rw,relatime 0 0',
    '/dev/vda1 /etc/hostname ext4 rw,relatime 0 0',
    '/dev/vda1 /etc/resolv.conf ext4 rw,relatime 0 0',
    'shm /dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k,inode64 0 0',
    'tmpfs /var/run/secrets/kubernetes.io/serviceaccount tmpfs ro,relatime,size=16181404k,inode64 0 0',
    'proc /proc/bus proc ro,nosuid,nodev,noexec,relatime 0 0',
    'proc /proc/sys proc ro,nosuid,nodev,noexec,relatime 0 0',
    'tmpfs /proc/acpi tmpfs ro,relatime,inode64 0 0',
    'tmpfs /proc/scsi tmpfs ro,relatime,inode64 0 0',
    'tmpfs /sys/firmware tmpfs ro,relatime,inode64 0 0',
  );
  const sa = dir(0o1777, 0, 0, created);
  sa.children.set('ca.crt', file('-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIU2ltdWxhdGVkMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNV\n-----END CERTIFICATE-----\n'));
  sa.children.set('namespace', file(pod.stored.metadata.namespace ?? 'default'));
  sa.children.set('token', file('eyJhbGciOiJSUzI1NiIsImtpZCI6InNpbXVsYXRlZCJ9.simulated.signature'));
  fs.mount('/var/run/secrets/kubernetes.io/serviceaccount', sa, { readOnly: true, source: 'tmpfs', fsType: 'tmpfs', options: 'ro,relatime,size=16181404k,inode64' });
  fs.writeFileRaw('/proc/mounts', `${mountLines.join('\n')}\n`);
  fs.lookup('/proc/mounts').mode = 0o444;
  return fs;
}

/** `mount`'s view of /proc/mounts: "SRC on PATH type FS (OPTS)". */
export function mountTable(procMounts: string): string {
  return procMounts
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [src, path, type, opts] = line.split(' ');
      return `${src} on ${path} type ${type} (${opts})`;
    })
    .join('\n');
}
