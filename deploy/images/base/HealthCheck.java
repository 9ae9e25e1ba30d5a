import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The images' health probe for Docker healthchecks: the images have no shell, curl or wget, but they have a JVM.
 * {@code java -cp /opt/keystone/healthcheck HealthCheck <url>} exits 0 on a 2xx answer, 1 otherwise.
 */
public final class HealthCheck {
    private HealthCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HealthCheck <url>");
            System.exit(2);
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(args[0]).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(4000);
            int status = connection.getResponseCode();
            System.exit(status >= 200 && status < 300 ? 0 : 1);
        } catch (Exception e) {
            System.err.println("health check of " + args[0] + " failed: " + e);
            System.exit(1);
        }
    }
}
