public enum EventLogPlaceholder {}
