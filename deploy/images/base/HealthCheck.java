import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The images' health probe for Docker healthchecks: the images have no shell, curl or wget, but they have a JVM.
 * {@code java -cp /opt/keystone/healthcheck HealthCheck <url> [status...]} exits 0 when the answer is a 2xx (or one
 * of the statuses given, e.g. 401 for an endpoint that only answers with an authentication challenge), 1 otherwise.
 */
public final class HealthCheck {
    private HealthCheck() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: HealthCheck <url> [status...]");
            System.exit(2);
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(args[0]).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(4000);
            int status = connection.getResponseCode();
            boolean expected = status >= 200 && status < 300;
            for (int i = 1; i < args.length; i++) {
                expected |= Integer.toString(status).equals(args[i]);
            }
            System.exit(expected ? 0 : 1);
        } catch (Exception e) {
            System.err.println("health check of " + args[0] + " failed: " + e);
            System.exit(1);
        }
    }
}
