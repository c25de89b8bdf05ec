#include "accessible.h"

#ifdef __WXGTK__
#include <dlfcn.h>
#endif

namespace ayllu::teacher {

namespace {
#ifdef __WXGTK__
// GTK and ATK are in the process already (wx draws with them); their few functions used here
// are looked up there rather than built against, so no GTK headers are needed to build.
using GetAccessible = void* (*)(void*);
using GetChild = void* (*)(void*);
using GetType = unsigned long (*)();
using IsA = int (*)(void*, unsigned long);
using SetText = void (*)(void*, const char*);
template <typename F>
F lookup(const char* name) {
    return reinterpret_cast<F>(dlsym(RTLD_DEFAULT, name));
}
#endif
} // namespace

void setAccessible(wxWindow* w, const wxString& name, const wxString& description) {
    if (w == nullptr) {
        return;
    }
    w->SetName(name);
#ifdef __WXGTK__
    static const auto accessible = lookup<GetAccessible>("gtk_widget_get_accessible");
    static const auto setName = lookup<SetText>("atk_object_set_name");
    static const auto setDescription = lookup<SetText>("atk_object_set_description");
    if (accessible == nullptr || setName == nullptr || setDescription == nullptr ||
        w->GetHandle() == nullptr) {
        return;
    }
    auto name_ = [&](void* widget) {
        if (void* a = accessible(widget)) {
            setName(a, name.utf8_str());
            setDescription(a, description.utf8_str());
        }
    };
    name_(w->GetHandle());
    // A list or table (wxDataViewCtrl) is a scrolled window around the widget a screen reader
    // reads: name that one too.
    static const auto binType = lookup<GetType>("gtk_bin_get_type");
    static const auto isA = lookup<IsA>("g_type_check_instance_is_a");
    static const auto child = lookup<GetChild>("gtk_bin_get_child");
    if (binType != nullptr && isA != nullptr && child != nullptr &&
        isA(w->GetHandle(), binType()) != 0) {
        if (void* inner = child(w->GetHandle())) {
            name_(inner);
        }
    }
#else
    (void)description;
#endif
}

} // namespace ayllu::teacher
