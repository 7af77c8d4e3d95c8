import selfsigned from "selfsigned";

/**
 * A throwaway self-signed certificate for 127.0.0.1, made per run and never written to disk: the LRO benchmark
 * serves the emulator over HTTPS because @azure/arm-iothub refuses to send a bearer token over plain http.
 * The emulator's and the ARM client's tests use it too.
 */
export async function localhostCertificate(): Promise<{ cert: string; key: string }> {
  const pems = await selfsigned.generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true },
      { name: "keyUsage", digitalSignature: true, keyCertSign: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 2, value: "localhost" }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
