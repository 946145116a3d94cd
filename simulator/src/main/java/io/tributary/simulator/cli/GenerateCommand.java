package io.tributary.simulator.cli;

import io.tributary.simulator.generate.ShopDataGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code simulator generate}: deterministic shop CSVs (customers, products, orders). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes customers.csv, products.csv and orders.csv; the same --scale and --seed give identical files.")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--scale", defaultValue = "1",
            description = "size factor: N x (1,200 customers, 240 products, 12,000 orders) (default: ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", defaultValue = "csv-data", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (scale < 1) {
            spec.commandLine().getErr().println("error: --scale must be >= 1, got " + scale);
            return ExitCodes.USAGE;
        }
        long start = System.nanoTime();
        ShopDataGenerator.Counts counts = new ShopDataGenerator(scale, seed).writeTo(out);
        spec.commandLine().getOut().printf("wrote %d customers, %d products, %d orders to %s in %d ms%n",
                counts.customers(), counts.products(), counts.orders(), out, (System.nanoTime() - start) / 1_000_000);
        return ExitCodes.OK;
    }
}
