package dev.slabagent.agent;

import dev.slabagent.runtime.debug.DebugMode;
import dev.slabagent.runtime.management.CacheSwitch;
import java.util.Set;

/** The cache MBeans' enable/disable operations, carried out by {@link AgentInstaller}. */
final class InstallerSwitch implements CacheSwitch {

    private final AgentInstaller installer;

    InstallerSwitch(AgentInstaller installer) {
        this.installer = installer;
    }

    @Override
    public String enable(String name) {
        return name + ": enabled (" + count(installer.enable(name), name) + " sites relinked, no class retransformed)";
    }

    @Override
    public String disable(String name) {
        return name + ": disabled (" + count(installer.disable(name), name) + " sites relinked, no class retransformed)";
    }

    @Override
    public String debug(String name, DebugMode mode) {
        return name + ": debug " + mode.configName() + " (" + count(installer.debug(name, mode), name)
                + " classes retransformed)";
    }

    @Override
    public boolean isEnabled(String name) {
        return installer.caches().getOrDefault(name, false);
    }

    @Override
    public String detach() {
        Set<String> on = installer.caches().keySet();
        if (on.isEmpty()) {
            return "detached: no config was installed";
        }
        String names = String.join(", ", on);
        return "detached: " + names + " off, " + installer.uninstall() + " classes restored";
    }

    private static int count(int changed, String name) {
        if (changed < 0) {
            throw new IllegalStateException("no cache " + name + " in the installed config");
        }
        return changed;
    }
}
