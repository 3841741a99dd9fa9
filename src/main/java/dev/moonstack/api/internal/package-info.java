/**
 * The API's inside, for Moonstack's own packages (the CLI, the debugger, the debug adapter, the
 * tests and benchmarks): {@link dev.moonstack.api.internal.Runtimes} reaches the VM's state,
 * threads and raw values behind a {@link dev.moonstack.api.Lua}, in the manner of the JDK's
 * {@code jdk.internal.access.SharedSecrets}. The module does not export it, so a host on the
 * module path cannot use it; on the class path its name says it is not API. Sits in api's layer:
 * it names api's types, and api installs its implementation here (the one reference from api);
 * may depend on api, vm and value.
 */
package dev.moonstack.api.internal;
