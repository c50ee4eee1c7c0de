package io.jsupervisor.service.daemon;

/**
 * jsupervisor's version, as recorded in the jar's manifest at build time.
 *
 * <p>Stateless and thread-safe.
 */
public final class Version {
    private Version() {
    }

    /** The version, e.g. {@code 0.1.0}, or {@code unknown} when run from classes without a manifest. */
    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version != null ? version : "unknown";
    }
}
