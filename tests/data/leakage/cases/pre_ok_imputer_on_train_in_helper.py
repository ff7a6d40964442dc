# %%
def fill_from(frame, reference):
    return frame.fillna(reference.median())
# %%
df = pd.read_csv("sensors.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="failure"), df["failure"], random_state=0)
X_train = fill_from(X_train, X_train)
X_test = fill_from(X_test, X_train)
print(GradientBoostingClassifier(random_state=0).fit(X_train, y_train).score(X_test, y_test))
