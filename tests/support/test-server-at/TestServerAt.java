// Temporal's time-skipping test server (the same classes as io.temporal.testserver.TestServer),
// started with its clock at a given instant instead of the machine's: a test can then run a case
// over a past holiday. Usage: TestServerAt <port> <initial time, ms since the epoch>
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;

public final class TestServerAt {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long initialTimeMillis = Long.parseLong(args[1]);
    // true: time skipping starts locked, as TestServer without --enable-time-skipping (the SDK unlocks it).
    TestServicesStarter services = new TestServicesStarter(true, initialTimeMillis);
    ServerBuilder<?> builder = Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    server.awaitTermination();
  }
}
